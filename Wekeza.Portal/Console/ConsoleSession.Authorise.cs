using System.Text.Json;

namespace Wekeza.Portal.Console;

public sealed partial class ConsoleSession
{
    public const string OpenIdScope = "openid";

    /// <summary>Asked for beside the API scopes, so the customer's 5-minute token can be refreshed while the console is open.</summary>
    public const string OfflineAccessScope = "offline_access";

    /// <summary>
    /// "Authorise as" (<paramref name="allow"/>) or "Reject as" a test customer, as an app does it: an account-access
    /// consent with the app token, the sandbox's headless authorisation at auth as that customer, and (when allowed)
    /// the code redeemed for the customer's token, the shared accounts read with it and the consent read back.
    /// </summary>
    public Task AuthoriseAsync(string handle, bool allow) => GuardAsync(allow ? "authorise" : "reject", async cancellationToken =>
    {
        var customer = Customers.FirstOrDefault(candidate => candidate.Handle == handle);
        if (customer is null || App is null)
        {
            return "Choose a test customer.";
        }

        var run = new CustomerAuthorisation(customer, allow);
        Authorisation = run;
        try
        {
            run.Problem = await AuthoriseAsync(run, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnexpected(exception, "authorise");
            run.Problem = "Something went wrong in the console while authorising. Try again.";
        }

        return run.Problem;
    });

    private async Task<string?> AuthoriseAsync(CustomerAuthorisation run, CancellationToken cancellationToken)
    {
        if (!Scopes.Contains(ApiScopes.AccountsRead))
        {
            return $"This app was not granted {ApiScopes.AccountsRead}, so it cannot ask a customer for account access " +
                $"(a test payment needs only {ApiScopes.PaymentsWrite}).";
        }

        var (appToken, problem) = await AppTokenAsync(cancellationToken);
        if (appToken is null)
        {
            return problem;
        }

        var consentRequest = new ConsoleRequest("POST", "/v1/consents", [],
            ConsoleJson.Compact(RequestExamples.AccountConsent(clock.GetUtcNow())), TokenKind.App);
        var created = await ApiStepAsync(run.Steps, "Create an account-access consent", consentRequest, appToken, "TOKEN", "create the consent",
            cancellationToken);
        if (!created.IsSuccess || created.Member("consentId") is not { } consentId)
        {
            return run.Steps[^1].Outcome;
        }

        (run.ConsentId, run.ConsentStatus) = (consentId, created.Member("status"));
        Outcome(run.Steps, $"Consent {consentId}: {run.ConsentStatus}.");

        string[] scopes = [OpenIdScope, .. Scopes.Where(scope => scope is ApiScopes.AccountsRead or ApiScopes.TransactionsRead), OfflineAccessScope];
        var authorization = HeadlessAuthorization.Create(App!.ClientId, RedirectUri!, scopes, consentId, run.Customer.Handle, run.Allow);
        var outcome = await AuthorizeStepAsync(run.Steps, authorization, run.Customer.Name, cancellationToken);
        var authorizeStep = run.Steps[^1];
        if (outcome is AuthorizationOutcome.Refused refused)
        {
            // Declining is a refusal too: the consent is read back either way, to show it Rejected.
            run.Refusal = refused.Error;
            await ReadConsentAsync(run, cancellationToken);
            return authorizeStep.Succeeded ? null : authorizeStep.Outcome;
        }

        if (outcome is not AuthorizationOutcome.Code code)
        {
            return authorizeStep.Outcome;
        }

        if (!run.Allow)
        {
            // Auth issued a code although the customer was to decline: a bug to report, not a token to use.
            return $"Auth issued a code although {run.Customer.Name} was to decline; the code was not used.";
        }

        if (await RedeemStepAsync(run.Steps, code.Value, authorization, cancellationToken) is not { } tokens)
        {
            return run.Steps[^1].Outcome;
        }

        run.Tokens = tokens;
        await ReadAccountsAsync(run, tokens.AccessToken, cancellationToken);
        await ReadConsentAsync(run, cancellationToken);
        return null;
    }

    private async Task ReadAccountsAsync(CustomerAuthorisation run, string customerToken, CancellationToken cancellationToken)
    {
        var response = await ApiStepAsync(run.Steps, "Read the shared accounts", new ConsoleRequest("GET", "/v1/accounts", [], null, TokenKind.Customer),
            customerToken, "CUSTOMER_TOKEN", "read the shared accounts", cancellationToken);
        if (response.Json() is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            run.Accounts = [.. data.EnumerateArray()
                .Where(account => ConsoleJson.String(account, "accountId") is not null)
                .Select(account => new AuthorisedAccount(ConsoleJson.String(account, "accountId")!, ConsoleJson.String(account, "name"),
                    ConsoleJson.String(account, "accountNumber"), ConsoleJson.String(account, "currency")))];
            Outcome(run.Steps, $"{run.Accounts.Count} account(s): {string.Join(", ", run.Accounts.Select(account => account.AccountId))}.");
        }
    }

    /// <summary>The consent as the API sees it now (Authorised, or Rejected after a decline), with the app token.</summary>
    private async Task ReadConsentAsync(CustomerAuthorisation run, CancellationToken cancellationToken)
    {
        var (appToken, _) = await AppTokenAsync(cancellationToken);
        if (appToken is null || run.ConsentId is null)
        {
            return;
        }

        var response = await ApiStepAsync(run.Steps, "Read the consent",
            new ConsoleRequest("GET", $"/v1/consents/{Uri.EscapeDataString(run.ConsentId)}", [], null, TokenKind.App), appToken, "TOKEN",
            "read the consent", cancellationToken);
        if (response.IsSuccess && response.Member("status") is { } status)
        {
            run.ConsentStatus = status;
            Outcome(run.Steps, $"Consent {run.ConsentId}: {status}.");
        }
    }

    private async Task<AuthorizationOutcome> AuthorizeStepAsync(
        List<ConsoleStep> steps, HeadlessAuthorization authorization, string customerName, CancellationToken cancellationToken)
    {
        var response = await auth.AuthorizeAsync(authorization, cancellationToken);
        var outcome = AuthorizationOutcome.Read(response, authorization.RedirectUri, authorization.State);
        var (succeeded, words) = outcome switch
        {
            AuthorizationOutcome.Code when authorization.Allow =>
                (true, $"{customerName} allowed it: auth redirected to the app's redirect URI with a code."),
            AuthorizationOutcome.Refused { Error.Error: "access_denied" } refused when !authorization.Allow =>
                (true, $"{customerName} declined: auth redirected to the app's redirect URI with {refused.Error.Words}."),
            AuthorizationOutcome.Refused refused => (false, $"Auth refused the authorisation ({refused.Error.Words})."),
            AuthorizationOutcome.Unusable unusable => (false, unusable.Message),
            _ => (false, $"Auth issued a code although {customerName} was to decline."),
        };
        var title = authorization.Allow ? $"Authorise as {customerName}" : $"Reject as {customerName}";
        steps.Add(new ConsoleStep(title, "GET $AUTH/connect/authorize (sandbox_customer=" + authorization.Customer + ")", response, succeeded, words,
            CurlCommand.ForAuthorize(authorization)));
        return outcome;
    }

    private async Task<TokenSet?> RedeemStepAsync(
        List<ConsoleStep> steps, string code, HeadlessAuthorization authorization, CancellationToken cancellationToken)
    {
        var result = await auth.RedeemCodeAsync(_credentials!, code, authorization.RedirectUri, authorization.Pkce.Verifier, cancellationToken);
        var words = result.Tokens is { } tokens
            ? $"Customer token until {tokens.ExpiresAt:HH:mm:ss} UTC{(tokens.RefreshToken is null ? "" : ", with a refresh token")}."
            : result.Problem("exchange the code for the customer's token")!;
        steps.Add(new ConsoleStep("Exchange the code for the customer's token", "POST $AUTH/connect/token (authorization_code)", result.Response,
            result.Tokens is not null, words, CurlCommand.ForCodeRedemption(authorization.RedirectUri)));
        return result.Tokens;
    }

    /// <summary>One API call as a step; a refusal's words name the problem's code and detail.</summary>
    private async Task<ConsoleResponse> ApiStepAsync(
        List<ConsoleStep> steps, string title, ConsoleRequest request, string token, string tokenVariable, string what,
        CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(request, token, cancellationToken);
        steps.Add(new ConsoleStep(title, $"{request.Method} {request.PathAndQuery}", response, response.IsSuccess,
            response.IsSuccess ? response.Status : ConsoleWords.ApiRefused(what, response), CurlCommand.ForApi(request, tokenVariable: tokenVariable)));
        return response;
    }

    private static void Outcome(List<ConsoleStep> steps, string words) => steps[^1] = steps[^1] with { Outcome = words };
}
