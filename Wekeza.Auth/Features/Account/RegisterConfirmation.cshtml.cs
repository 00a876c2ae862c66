using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wekeza.Auth.Features.Account;

public sealed class RegisterConfirmationModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => ReturnUrl = ReturnUrls.LocalOrNull(Url, ReturnUrl);
}
