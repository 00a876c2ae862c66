using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

public sealed class ResetPasswordModel(UserManager<WekezaUser> users, ILogger<ResetPasswordModel> logger) : PageModel
{
    private const string LinkInvalid = "This password reset link has expired or was already used. Ask for a new one from \"Forgot your password?\".";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(128, ErrorMessage = "Passwords can be at most 128 characters.")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var code = AccountLinks.Decode(Code);
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || code is null)
        {
            ModelState.AddModelError("", LinkInvalid);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user!, code!, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : nameof(Password), error.Code == "InvalidToken" ? LinkInvalid : error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Whoever was guessing the old password is locked out of nothing now: start the count afresh.
        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        logger.LogInformation("User {UserId} reset their password", user!.Id);
        Done = true;
        return Page();
    }
}
