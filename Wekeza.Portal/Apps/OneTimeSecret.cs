namespace Wekeza.Portal.Apps;

/// <summary>
/// Hands a freshly issued client secret from the page that got it to the app's page, in the circuit's memory only:
/// never in the URL, history or storage. Taking it empties the holder, so it is shown once.
/// </summary>
public sealed class OneTimeSecret
{
    private (string AppId, string Secret)? _pending;

    public void Hold(string appId, string secret) => _pending = (appId, secret);

    /// <summary>The secret held for this app, removed from the holder; null when there is none.</summary>
    public string? TakeFor(string appId)
    {
        if (_pending is not { } pending || pending.AppId != appId)
        {
            return null;
        }

        _pending = null;
        return pending.Secret;
    }
}
