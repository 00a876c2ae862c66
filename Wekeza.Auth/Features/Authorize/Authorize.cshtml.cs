using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// The authorization endpoint. Clients reach it with GET or a form POST of their own, which carries no antiforgery
/// token; the consent answer goes to <see cref="DecisionModel"/>, which does check one. A sandbox app's headless
/// request (<see cref="SandboxAuthorisation"/>) is answered here at once.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class AuthorizeModel(
    AuthorizationDecision decision, ReturnToApp returnToApp, IConfiguration configuration, UserManager<WekezaUser> users) : PageModel
{
    private readonly SandboxAuthorisation _sandbox = new(decision, users, configuration);

    public ConsentScreen? Screen { get; private set; }

    /// <summary>Set when the request itself is invalid and cannot be answered to the client.</summary>
    public OpenIddict.Abstractions.OpenIddictResponse? Error { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync();

    public Task<IActionResult> OnPostAsync() => HandleAsync();

    private async Task<IActionResult> HandleAsync()
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null } error)
        {
            // A request that expired while the customer was signing in still goes back to the app it came from.
            var clientId = FlattenedParameters().FirstOrDefault(p => p.Key == "client_id").Value;
            if (clientId is not null && returnToApp.Escape(HttpContext, "The customer's session at the bank timed out.", clientId) is { } back)
            {
                return Redirect(back);
            }

            ScopeErrors.Normalize(error);
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var request = HttpContext.GetOpenIddictServerRequest()!;
        if (SandboxAuthorisation.IsAsked(request))
        {
            // Answered in this response, straight back to the app: no page to come back from, so nothing to remember.
            return Respond(await _sandbox.DecideAsync(HttpContext));
        }

        returnToApp.Remember(HttpContext, request);
        return Respond(await decision.DecideAsync(HttpContext, answer: null));
    }

    private IActionResult Respond(AuthorizationDecision.Outcome outcome) => outcome switch
    {
        AuthorizationDecision.SignInFirst => Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties
        {
            RedirectUri = Request.PathBase + Request.Path + QueryString.Create(FlattenedParameters().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))),
        }, IdentityConstants.ApplicationScheme),
        AuthorizationDecision.AskConsent ask => ShowConsent(ask),
        AuthorizationDecision.Issue issue => SignIn(issue.Principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
        AuthorizationDecision.Refuse refuse => Forbid(ProtocolErrors.Properties(refuse.Error, refuse.Description),
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
        var other => throw new InvalidOperationException($"Unhandled outcome {other}"),
    };

    private PageResult ShowConsent(AuthorizationDecision.AskConsent ask)
    {
        Screen = ConsentScreen.For(ask, FlattenedParameters(), [], configuration.GetValue(ConsentScreen.TimeoutKey, TimeSpan.FromMinutes(10)));
        return Page();
    }

    /// <summary>The request's own parameters, from the query (GET) or the form (POST).</summary>
    private List<KeyValuePair<string, string>> FlattenedParameters()
    {
        IEnumerable<KeyValuePair<string, StringValues>> source = Request.HasFormContentType ? Request.Form : Request.Query;
        return [.. source.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")))];
    }
}
