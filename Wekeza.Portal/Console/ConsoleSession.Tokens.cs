namespace Wekeza.Portal.Console;

public sealed partial class ConsoleSession
{
    /// <summary>The token of that kind the console holds now, for a curl with the real token; null when none is held.</summary>
    public string? HeldToken(TokenKind kind) => kind switch
    {
        TokenKind.App => _appToken?.AccessToken,
        TokenKind.Customer => Authorisation?.Tokens?.AccessToken,
        TokenKind.PaymentCustomer => Payment?.Tokens?.AccessToken,
        _ => null,
    };

    public bool Holds(TokenKind kind) => kind == TokenKind.None || HeldToken(kind) is not null;

    private async Task<(string? Token, string? Problem)> TokenForAsync(TokenKind kind, CancellationToken cancellationToken) => kind switch
    {
        TokenKind.None => (null, null),
        TokenKind.App => await AppTokenAsync(cancellationToken),
        TokenKind.Customer => await CustomerTokenAsync(Authorisation?.Tokens, tokens => Authorisation!.Tokens = tokens,
            "Authorise as a test customer first: the customer's token comes from there.", cancellationToken),
        _ => await CustomerTokenAsync(Payment?.Tokens, tokens => Payment!.Tokens = tokens,
            "Make a test payment first: its customer token comes from there, and pays once.", cancellationToken),
    };

    /// <summary>The app token, renewed with the secret when it is about to run out (they live 5 minutes).</summary>
    private async Task<(string? Token, string? Problem)> AppTokenAsync(CancellationToken cancellationToken)
    {
        if (_credentials is null)
        {
            return (null, "Enter the app's client secret first.");
        }

        if (_appToken is { } held && held.IsFresh(clock.GetUtcNow()))
        {
            return (held.AccessToken, null);
        }

        var result = await auth.ClientCredentialsAsync(_credentials, Scopes, cancellationToken);
        _appToken = result.Tokens ?? _appToken;
        return (result.Tokens?.AccessToken, result.Problem("renew the app token"));
    }

    /// <summary>A customer's token, refreshed (the refresh token rotates) when it is about to run out.</summary>
    private async Task<(string? Token, string? Problem)> CustomerTokenAsync(
        TokenSet? held, Action<TokenSet?> keep, string missing, CancellationToken cancellationToken)
    {
        if (held is null || _credentials is null)
        {
            return (null, missing);
        }

        if (held.IsFresh(clock.GetUtcNow()))
        {
            return (held.AccessToken, null);
        }

        if (held.RefreshToken is null)
        {
            return (null, "The customer's token has expired and there is no refresh token: authorise again.");
        }

        var result = await auth.RefreshAsync(_credentials, held.RefreshToken, cancellationToken);
        // Auth refused the refresh token (used up, consent over): it is gone. No answer at all: keep it for a retry.
        if (result.Tokens is not null || result.Error is not null)
        {
            keep(result.Tokens is { RefreshToken: null } renewed ? renewed with { RefreshToken = held.RefreshToken } : result.Tokens);
        }

        return (result.Tokens?.AccessToken, result.Problem("refresh the customer's token"));
    }
}
