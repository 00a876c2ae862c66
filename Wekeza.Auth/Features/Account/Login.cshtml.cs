using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

/// <summary>
/// Email and password sign-in. Wrong email and wrong password read the same, so the page does not reveal who has an
/// account; whether an address is locked out or unverified is told only to someone who knows its password.
/// </summary>
public sealed class LoginModel(SignInManager<WekezaUser> signIn, UserManager<WekezaUser> users, TimeProvider clock, ILogger<LoginModel> logger) : PageModel
{
    private const string WrongCredentials = "The email or password is not right. Check both and try again.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NeedsVerification { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }

    public void OnGet() => ReturnUrl = ReturnUrls.LocalOrNull(Url, ReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = ReturnUrls.LocalOrNull(Url, ReturnUrl);
        if (!ModelState.IsValid)
        {
            return Failed(StatusCodes.Status400BadRequest);
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", WrongCredentials);
            return Failed(StatusCodes.Status400BadRequest);
        }

        if (!user.EmailConfirmed)
        {
            // Identity would say "not allowed" before checking the password; check it first, and count a failure.
            if (!await users.CheckPasswordAsync(user, Input.Password))
            {
                await users.AccessFailedAsync(user);
                ModelState.AddModelError("", WrongCredentials);
                return Failed(StatusCodes.Status400BadRequest);
            }

            NeedsVerification = true;
            ModelState.AddModelError("", "Verify your email address before signing in: open the link we emailed you.");
            return Failed(StatusCodes.Status403Forbidden);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(ReturnUrl ?? "/account/signed-in");
        }

        if (result.IsLockedOut)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(((user.LockoutEnd ?? clock.GetUtcNow()) - clock.GetUtcNow()).TotalMinutes));
            logger.LogWarning("User {UserId} is locked out after repeated failed sign-ins", user.Id);
            ModelState.AddModelError("", $"Too many failed attempts: this account is locked for {minutes} minute(s). Try again later, or reset your password.");
            return Failed(StatusCodes.Status423Locked);
        }

        ModelState.AddModelError("", WrongCredentials);
        return Failed(StatusCodes.Status400BadRequest);
    }

    private PageResult Failed(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
