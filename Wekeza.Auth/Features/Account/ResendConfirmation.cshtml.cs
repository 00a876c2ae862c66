using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Email;

namespace Wekeza.Auth.Features.Account;

/// <summary>A new verification link. The answer is the same whether or not the address has an account.</summary>
public sealed class ResendConfirmationModel(UserManager<WekezaUser> users, AccountEmails emails, AccountLinks links, IConfiguration configuration) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ReturnUrl = ReturnUrls.LocalOrNull(Url, ReturnUrl);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false } user)
        {
            var code = await users.GenerateEmailConfirmationTokenAsync(user);
            await emails.SendVerificationAsync(user, links.ConfirmEmail(user.Id, code, ReturnUrl),
                configuration.GetValue(PeopleSetup.LinkLifetimeKey, TimeSpan.FromHours(24)), cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
