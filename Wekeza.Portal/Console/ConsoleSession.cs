using System.Text.Json;
using Wekeza.Portal.Apps;
using Wekeza.Webhooks;

namespace Wekeza.Portal.Console;

/// <summary>
/// The try-it console for one of the developer's sandbox apps, for as long as its page is open: the app's secret and
/// tokens (in this object only: never stored, logged or sent back to the browser), the test customer it authorised
/// as, the test payment, and the requests the developer sends. Every call is real HTTP to auth and the API; every
/// failure comes back as words, never as an exception into the circuit.
/// </summary>
public sealed partial class ConsoleSession(ConsoleAuthClient auth, ConsoleApiClient api, TimeProvider clock, ILogger<ConsoleSession> logger)
{
    private readonly CancellationTokenSource _closing = new();
    private ClientCredentials? _credentials;
    private TokenSet? _appToken;

    public DeveloperApp? App { get; private set; }

    /// <summary>The API scopes the app was granted, which its app token asks for.</summary>
    public IReadOnlyList<string> Scopes => App is null ? [] : [.. ApiScopes.ForApps.Where(scope => App.Scopes.Contains(scope))];

    /// <summary>Every app has at least one redirect URI; the console's authorisations come back to the first.</summary>
    public string? RedirectUri => App?.RedirectUris.FirstOrDefault();

    public bool HasCredentials => _credentials is not null && _appToken is not null;

    public DateTimeOffset? AppTokenExpiresAt => _appToken?.ExpiresAt;

    /// <summary>The client-credentials call that checked the secret.</summary>
    public ConsoleStep? CredentialStep { get; private set; }

    /// <summary>The test customers, with their accounts once the API listed them.</summary>
    public IReadOnlyList<TestCustomer> Customers { get; private set; } = TestCustomer.Known;

    /// <summary>Why the customers' accounts are not shown, when the API could not list them.</summary>
    public string? CustomersNote { get; private set; }

    public CustomerAuthorisation? Authorisation { get; private set; }

    public TestPaymentRun? Payment { get; private set; }

    public OpenApiCatalog? Catalog { get; private set; }

    public string? CatalogProblem { get; private set; }

    /// <summary>How often, and how many times, a test payment's status is asked for.</summary>
    internal TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal int MaxPolls { get; set; } = 30;

    private CancellationToken Closing => _closing.Token;

    /// <summary>A sandbox app of the developer's: production apps' requests are real, and the console is not for them.</summary>
    public static bool IsSandbox(DeveloperApp app) =>
        string.Equals(app.Environment, "sandbox", StringComparison.OrdinalIgnoreCase) && ClientEnvironments.IsSandbox(app.ClientId);

    public void Open(DeveloperApp app)
    {
        if (!IsSandbox(app))
        {
            throw new InvalidOperationException("The console is for sandbox apps only.");
        }

        if (App?.Id != app.Id)
        {
            Forget();
        }

        App = app;
    }

    /// <summary>Checks the secret by getting an app token with it; keeps it only if auth accepted it. Null when it did.</summary>
    public Task<string?> UseSecretAsync(string secret) => GuardAsync("check the secret", async cancellationToken =>
    {
        if (App is null)
        {
            return "The console has no app.";
        }

        if (secret.Trim() is not { Length: > 0 } trimmed)
        {
            return "Paste the app's client secret.";
        }

        if (Scopes.Count == 0)
        {
            return "This app has none of the API's scopes, so it cannot get a token for the API.";
        }

        var credentials = new ClientCredentials(App.ClientId, trimmed);
        var result = await auth.ClientCredentialsAsync(credentials, Scopes, cancellationToken);
        var problem = result.Problem("get an app token");
        CredentialStep = new ConsoleStep("Get an app token", "POST $AUTH/connect/token (client_credentials)", result.Response,
            problem is null, problem ?? $"App token for {string.Join(' ', Scopes)}, until {result.Tokens!.ExpiresAt:HH:mm:ss} UTC.",
            CurlCommand.ForClientCredentials(Scopes));
        if (problem is not null)
        {
            (_credentials, _appToken) = (null, null);
            return problem;
        }

        (_credentials, _appToken) = (credentials, result.Tokens);
        await LoadCustomersAsync(cancellationToken);
        return null;
    });

    /// <summary>The OpenAPI document's operations, read once.</summary>
    public Task LoadCatalogAsync() => GuardAsync("read the API's operations", async cancellationToken =>
    {
        if (Catalog is not null)
        {
            return null;
        }

        var response = await api.GetDocumentAsync(cancellationToken);
        if (!response.IsSuccess)
        {
            return CatalogProblem = ConsoleWords.ApiRefused("read the API's OpenAPI document", response);
        }

        try
        {
            (Catalog, CatalogProblem) = (OpenApiCatalog.Parse(response.Body, clock.GetUtcNow()), null);
        }
        catch (JsonException exception)
        {
            CatalogProblem = $"The API's OpenAPI document could not be read: {exception.Message}";
        }

        return CatalogProblem;
    });

    /// <summary>A new draft for the operation, filled with what the console knows.</summary>
    public RequestDraft Draft(ApiOperation operation)
    {
        var draft = RequestDraft.Create(operation, parameter => Suggest(operation, parameter),
            RequestExamples.For(operation, clock.GetUtcNow(), Payment?.ConsentId, Payment?.Initiation));
        if (draft.Token == TokenKind.PaymentCustomer && Payment?.Tokens is null && Authorisation?.IsAuthorised == true)
        {
            draft.Token = TokenKind.Customer;
        }

        return draft;
    }

    /// <summary>Sends the draft as built, with the token it names, and times it.</summary>
    public async Task<ConsoleExchange> SendAsync(RequestDraft draft)
    {
        var (request, problems) = draft.Build();
        if (request is null)
        {
            return new ConsoleExchange(null, null, string.Join(" ", problems));
        }

        ConsoleExchange? exchange = null;
        var problem = await GuardAsync($"send {request.Method} {draft.Operation.Path}", async cancellationToken =>
        {
            var (token, tokenProblem) = await TokenForAsync(request.Token, cancellationToken);
            if (tokenProblem is not null)
            {
                return tokenProblem;
            }

            exchange = new ConsoleExchange(request, await api.SendAsync(request, token, cancellationToken), null) { Token = token };
            return null;
        });
        return exchange ?? new ConsoleExchange(request, null, problem);
    }

    /// <summary>Ends the console: stops what is running and lets go of the secret and every token.</summary>
    public void Close()
    {
        _closing.Cancel();
        Forget();
    }

    private void Forget()
    {
        (_credentials, _appToken, CredentialStep) = (null, null, null);
        (Authorisation, Payment, Customers, CustomersNote) = (null, null, TestCustomer.Known, null);
    }

    private string? Suggest(ApiOperation operation, ApiParameter parameter) => parameter.In != "path" ? null : parameter.Name switch
    {
        "accountId" => Authorisation?.Accounts.FirstOrDefault()?.AccountId,
        "consentId" when operation.Path.StartsWith("/v1/payment-consents", StringComparison.Ordinal) => Payment?.ConsentId,
        "consentId" => Authorisation?.ConsentId,
        "paymentId" => Payment?.PaymentId,
        "key" when operation.Path.StartsWith("/v1/idempotency-keys", StringComparison.Ordinal) => Payment?.IdempotencyKey,
        _ => null,
    };

    private async Task LoadCustomersAsync(CancellationToken cancellationToken)
    {
        var (token, problem) = await AppTokenAsync(cancellationToken);
        var response = token is null ? null : await api.SendAsync(
            new ConsoleRequest("GET", "/v1/sandbox/customers", [], null, TokenKind.App), token, cancellationToken);
        if (response is { IsSuccess: true } && TestCustomer.ReadList(response.Body) is { } customers)
        {
            (Customers, CustomersNote) = (customers, null);
            return;
        }

        (Customers, CustomersNote) = (TestCustomer.Known, response is null
            ? problem
            : ConsoleWords.ApiRefused("list the test customers' accounts", response) + " The console offers the standard test customers.");
    }

    /// <summary>Runs a console action; cancellation by <see cref="Close"/> ends it quietly, anything unexpected becomes words.</summary>
    private async Task<string?> GuardAsync(string what, Func<CancellationToken, Task<string?>> action)
    {
        try
        {
            return await action(Closing);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, what);
            return $"Something went wrong in the console trying to {what}. Try again.";
        }
    }

    [LoggerMessage(LogLevel.Error, "The try-it console failed to {What}")]
    private partial void LogUnexpected(Exception exception, string what);
}

/// <summary>A request the developer sent from the builder, and its answer (or why it was not sent).</summary>
public sealed record ConsoleExchange(ConsoleRequest? Request, ConsoleResponse? Response, string? Problem)
{
    /// <summary>The token it went with, for "include the real token" in its curl.</summary>
    internal string? Token { get; init; }

    public override string ToString() => $"{Request?.Method} {Request?.PathAndQuery}: {Response?.ToString() ?? Problem}";
}
