using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// The person's answer on the consent screen: a second authorization endpoint address (OpenIddict validates the
/// request again here), POST only, and antiforgery-checked so another site cannot answer for them. An answer that
/// needs correcting (no account picked) shows the screen again.
/// </summary>
public sealed class DecisionModel(AuthorizationDecision decision, ReturnToApp returnToApp, IConfiguration configuration) : PageModel
{
    public ConsentScreen? Screen { get; private set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decision")] string? answer, [FromForm(Name = "account")] string[]? accounts)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null })
        {
            // The request went stale between the consent screen and the answer (it expired): back to the app.
            return returnToApp.Escape(HttpContext, "The customer's session at the bank timed out.", Request.Form["client_id"].FirstOrDefault()) is { } back
                ? Redirect(back)
                : BadRequest();
        }

        AuthorizationDecision.Answer? given = answer switch
        {
            "allow" => new AuthorizationDecision.Allow(accounts ?? []),
            "deny" => new AuthorizationDecision.Deny(),
            "timeout" => new AuthorizationDecision.TimedOut(),
            _ => null,
        };
        if (given is null)
        {
            return BadRequest();
        }

        return await decision.DecideAsync(HttpContext, given) switch
        {
            AuthorizationDecision.Issue issue => SignIn(issue.Principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
            AuthorizationDecision.Refuse refuse => Forbid(ProtocolErrors.Properties(refuse.Error, refuse.Description),
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
            AuthorizationDecision.AskConsent ask => ShowAgain(ask, accounts ?? []),
            // Signed out between the screen and the answer: sign in again, then see the screen again.
            _ => Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties
            {
                RedirectUri = "/connect/authorize" + QueryString.Create(Request.Form
                    .Where(p => !ConsentScreen.OwnFields.Contains(p.Key))
                    .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))),
            }, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme),
        };
    }

    private PageResult ShowAgain(AuthorizationDecision.AskConsent ask, string[] selected)
    {
        Screen = ConsentScreen.For(ask,
            [.. Request.Form.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))],
            selected, configuration.GetValue(ConsentScreen.TimeoutKey, TimeSpan.FromMinutes(10)));
        return Page();
    }
}
