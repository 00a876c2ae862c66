using System.Net.Http.Headers;

namespace Wekeza.Bench;

/// <summary>
/// A customer's access token kept fresh for a long run: renewed with the refresh token at half its lifetime (access
/// tokens live minutes), always with the latest refresh token, since auth rotates them and treats reuse as theft.
/// </summary>
internal sealed class CustomerSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private AuthenticationHeaderValue _bearer;

    public CustomerSession(CustomerConsent consent, HttpClient http, CustomerTokens tokens)
    {
        _bearer = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        _renewing = RenewAsync(consent, http, tokens);
    }

    public AuthenticationHeaderValue Bearer => Volatile.Read(ref _bearer);

    public int Renewals { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync(CustomerConsent consent, HttpClient http, CustomerTokens tokens)
    {
        var wait = tokens.Lifetime / 2;
        while (true)
        {
            try
            {
                await Task.Delay(wait, _stop.Token);
                tokens = await consent.RefreshAsync(http, tokens.RefreshToken, _stop.Token);
                Volatile.Write(ref _bearer, new AuthenticationHeaderValue("Bearer", tokens.AccessToken));
                Renewals++;
                wait = tokens.Lifetime / 2;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is BenchException or HttpRequestException)
            {
                // The old access token is still good for the other half of its life: try again shortly.
                Console.Error.WriteLine($"Renewing the customer's token failed ({ex.Message}); retrying in 5 s");
                wait = TimeSpan.FromSeconds(5);
            }
        }
    }
}
