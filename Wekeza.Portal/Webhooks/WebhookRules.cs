using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Webhooks;

/// <summary>
/// The plainest of the contract's rules for an endpoint, checked in the circuit for quick feedback. The webhooks API
/// is the authority (it alone knows the sandbox and address rules); its messages land on the same fields.
/// </summary>
public static class WebhookRules
{
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 200;

    public static FieldErrors Validate(string? url, IReadOnlyCollection<string> eventTypes, string? description)
    {
        var errors = new FieldErrors();
        if (UrlProblem(url?.Trim() ?? "") is { } problem)
        {
            errors.Add(WebhookFields.Url, problem);
        }

        if (eventTypes.Count == 0)
        {
            errors.Add(WebhookFields.EventTypes, "Choose at least one event type.");
        }

        if (description?.Trim().Length > DescriptionMaxLength)
        {
            errors.Add(WebhookFields.Description, $"The description must be at most {DescriptionMaxLength} characters long.");
        }

        return errors;
    }

    private static string? UrlProblem(string url)
    {
        if (url.Length == 0)
        {
            return "Enter the URL that receives the events.";
        }

        if (url.Length > UrlMaxLength)
        {
            return $"The URL must be at most {UrlMaxLength} characters long.";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "Enter an absolute URL starting with https:// (or http:// for localhost in the sandbox).";
    }
}
