using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

/// <summary>Sign-out is a POST (with antiforgery), so a link or image on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<WekezaUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Page();
    }
}
