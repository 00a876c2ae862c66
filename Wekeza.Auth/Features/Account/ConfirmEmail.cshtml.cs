using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

public sealed class ConfirmEmailModel(UserManager<WekezaUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        ReturnUrl = ReturnUrls.LocalOrNull(Url, returnUrl);
        var decoded = AccountLinks.Decode(code);
        if (userId is not null && decoded is not null && await users.FindByIdAsync(userId) is { } user)
        {
            Confirmed = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, decoded)).Succeeded;
            if (Confirmed)
            {
                logger.LogInformation("User {UserId} verified their email", user.Id);
            }
        }

        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
