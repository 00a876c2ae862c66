using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// The person's answer on the consent screen: a second authorization endpoint address (OpenIddict validates the
/// request again here), POST only, and antiforgery-checked so another site cannot answer for them.
/// </summary>
public sealed class DecisionModel(AuthorizationDecision decision) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decision")] string? answer)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null })
        {
            // The request went stale between the consent screen and the answer (e.g. a pushed request expired).
            return BadRequest();
        }

        var consent = answer switch { "allow" => true, "deny" => false, _ => (bool?)null };
        if (consent is null)
        {
            return BadRequest();
        }

        return await decision.DecideAsync(HttpContext, consent) switch
        {
            AuthorizationDecision.Issue issue => SignIn(issue.Principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
            AuthorizationDecision.Refuse refuse => Forbid(ProtocolErrors.Properties(refuse.Error, refuse.Description),
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
            // Signed out between the screen and the answer: start again from the login page.
            _ => Challenge(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme),
        };
    }
}
