using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Email;

namespace Wekeza.Auth.Features.Account;

/// <summary>Developers register here; customers and admins are created by the bank.</summary>
public sealed class RegisterModel(
    UserManager<WekezaUser> users,
    AccountEmails emails,
    AccountLinks links,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(100, MinimumLength = 2, ErrorMessage = "Your name must be 2 to 100 characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        [StringLength(254, ErrorMessage = "That email address is too long.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(128, ErrorMessage = "Passwords can be at most 128 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ReturnUrl = ReturnUrls.LocalOrNull(Url, ReturnUrl);
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var email = Input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Input.Email", "An account with this email already exists. Sign in, or reset your password if you have forgotten it.");
            return Invalid();
        }

        var user = new WekezaUser { UserName = email, Email = email, DisplayName = Input.DisplayName.Trim(), CreatedAt = clock.GetUtcNow() };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, Input.Password);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced; the unique index on the (normalised) user name let exactly one through.
            if (await users.FindByEmailAsync(email) is null)
            {
                throw;
            }

            ModelState.AddModelError("Input.Email", "An account with this email already exists. Sign in, or reset your password if you have forgotten it.");
            return Invalid();
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            return Invalid();
        }

        await users.AddToRoleAsync(user, Roles.Developer);
        logger.LogInformation("Developer {UserId} registered", user.Id);

        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendVerificationAsync(user, links.ConfirmEmail(user.Id, code, ReturnUrl),
            configuration.GetValue(PeopleSetup.LinkLifetimeKey, TimeSpan.FromHours(24)), cancellationToken);

        return RedirectToPage("RegisterConfirmation", new { email, returnUrl = ReturnUrl });
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
