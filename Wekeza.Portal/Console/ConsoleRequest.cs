namespace Wekeza.Portal.Console;

/// <summary>Which token a request goes with.</summary>
public enum TokenKind
{
    /// <summary>The customer's, from "Authorise as…" (bound to an account-access consent).</summary>
    Customer,

    /// <summary>The customer's, from the test payment (bound to its payment consent).</summary>
    PaymentCustomer,

    /// <summary>The app's own, from client credentials.</summary>
    App,

    /// <summary>None: to see the 401.</summary>
    None,
}

/// <summary>A request to the API exactly as it is sent, and as its curl says. <see cref="PathAndQuery"/> starts with "/".</summary>
public sealed record ConsoleRequest(string Method, string PathAndQuery, IReadOnlyList<ConsoleHeader> Headers, string? Body, TokenKind Token)
{
    public const string JsonMediaType = "application/json";

    /// <summary>The token the console picks first: the customer's where only a customer's works, the app's elsewhere.</summary>
    public static TokenKind DefaultToken(string method, string path) =>
        path.Equals("/v1/accounts", StringComparison.Ordinal) || path.StartsWith("/v1/accounts/", StringComparison.Ordinal)
            ? TokenKind.Customer
            : method == "POST" && path == "/v1/payments" ? TokenKind.PaymentCustomer : TokenKind.App;

    public static string Label(TokenKind kind) => kind switch
    {
        TokenKind.Customer => "Customer (account consent)",
        TokenKind.PaymentCustomer => "Customer (payment consent)",
        TokenKind.App => "App (client credentials)",
        _ => "No token",
    };
}
