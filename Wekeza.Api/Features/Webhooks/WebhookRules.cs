using System.Net;
using Wekeza.Banking.Webhooks;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Webhooks;

/// <summary>The rules of an endpoint's fields, each broken rule a field error (422 validation_failed).</summary>
internal static class WebhookRules
{
    public const int DefaultOverlapHours = 24;
    public const int MaxOverlapHours = 72;

    public static async Task CheckUrlAsync(string? url, bool sandbox, HostResolver resolver, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (await WebhookUrls.ProblemAsync(url?.Trim(), sandbox, resolver.ResolveAsync, cancellationToken) is { } problem)
        {
            errors["url"] = [problem];
        }
    }

    /// <summary>The event types, checked one by one; null when the list itself is unusable.</summary>
    public static List<string>? CheckEventTypes(IReadOnlyList<string?>? eventTypes, Dictionary<string, string[]> errors)
    {
        if (eventTypes is null || eventTypes.Count == 0)
        {
            errors["eventTypes"] = [$"Pick at least one event type: {string.Join(", ", WebhookEventTypes.All)}."];
            return null;
        }

        var accepted = new List<string>();
        for (var i = 0; i < eventTypes.Count; i++)
        {
            var type = eventTypes[i]?.Trim();
            if (type is null || !WebhookEventTypes.IsPublic(type))
            {
                errors[$"eventTypes[{i}]"] = [$"'{type}' is not an event type. Known types: {string.Join(", ", WebhookEventTypes.All)}."];
            }
            else if (accepted.Contains(type))
            {
                errors[$"eventTypes[{i}]"] = [$"'{type}' is listed twice."];
            }
            else
            {
                accepted.Add(type);
            }
        }

        return accepted;
    }

    public static void CheckDescription(string? description, Dictionary<string, string[]> errors)
    {
        if (description?.Trim().Length > WebhookEndpoint.DescriptionMaxLength)
        {
            errors["description"] = [$"A description is at most {WebhookEndpoint.DescriptionMaxLength} characters."];
        }
    }

    public static TimeSpan? CheckOverlap(int? overlapHours, Dictionary<string, string[]> errors)
    {
        var hours = overlapHours ?? DefaultOverlapHours;
        if (hours is < 0 or > MaxOverlapHours)
        {
            errors["overlapHours"] = [$"The old secret can keep signing for 0 to {MaxOverlapHours} hours."];
            return null;
        }

        return TimeSpan.FromHours(hours);
    }
}

/// <summary>DNS for the URL check, bounded so a slow resolver cannot hold a request.</summary>
internal class HostResolver
{
    public virtual async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        return await Dns.GetHostAddressesAsync(host, timeout.Token);
    }
}
