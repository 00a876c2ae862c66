using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Email;

namespace Wekeza.Auth.Features.Account;

/// <summary>The answer is the same whether or not the address has an account, so the page reveals nothing.</summary>
public sealed class ForgotPasswordModel(UserManager<WekezaUser> users, AccountEmails emails, AccountLinks links, IConfiguration configuration) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: true } user)
        {
            var code = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordResetAsync(user, links.ResetPassword(user.Id, code),
                configuration.GetValue(PeopleSetup.LinkLifetimeKey, TimeSpan.FromHours(24)), cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
