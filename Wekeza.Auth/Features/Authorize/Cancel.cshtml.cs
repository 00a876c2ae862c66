using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>"Cancel and go back to the app" before signing in: back to the app with <c>access_denied</c> and its state.</summary>
public sealed class CancelModel(ReturnToApp returnToApp) : PageModel
{
    public IActionResult OnGet() =>
        returnToApp.Escape(HttpContext, "The customer cancelled at the bank.") is { } back ? Redirect(back) : Page();
}
