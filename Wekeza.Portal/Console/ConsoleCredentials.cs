namespace Wekeza.Portal.Console;

/// <summary>
/// An app's client id and secret, held in the circuit's memory for as long as the console is open and nowhere else.
/// Never printed: <see cref="ToString"/> leaves the secret out.
/// </summary>
public sealed record ClientCredentials(string ClientId, string Secret)
{
    public override string ToString() => $"{ClientId}:(secret)";
}

/// <summary>The tokens one grant returned. Never printed.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <summary>Renewed this long before it runs out, so a call never leaves with a token that expires on the way.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(20);

    public bool IsFresh(DateTimeOffset now) => now + Margin < ExpiresAt;

    public override string ToString() => $"token until {ExpiresAt:u}";
}

/// <summary>An OAuth error answer (<c>error</c>, <c>error_description</c>), from the token endpoint or a redirect.</summary>
public sealed record OAuthError(string Error, string? Description)
{
    public string Words => Description is { Length: > 0 } ? $"{Error}: {Description}" : Error;
}
