using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.Webhooks;

namespace Wekeza.Auth.Features.Email;

/// <summary>The emails about a developer's apps: what happened to one, and what its owner can do about it.</summary>
public sealed class AppEmails(IMailer mailer, IOptions<EmailOptions> options, IConfiguration configuration)
{
    /// <summary>
    /// One of the app's webhook endpoints was disabled after failing for too long. The Message-ID is derived from the
    /// endpoint and the moment it was disabled, so two copies of the same notice look like one message to the mail
    /// systems that deduplicate by it.
    /// </summary>
    public Task SendWebhookEndpointDisabledAsync(WekezaUser owner, AppRegistration app, WebhookEndpointDisabledData endpoint,
        CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var message = new MimeMessage
        {
            // The full URL is in the body; the subject travels further (notifications, mail logs), so it leaves out a
            // query string, where receivers often put a token.
            Subject = $"Webhook endpoint disabled: {WithoutQuery(endpoint.Url)}",
            MessageId = $"webhook-endpoint-disabled.{endpoint.EndpointId}.{endpoint.DisabledAt.ToUnixTimeMilliseconds()}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(owner.DisplayName, owner.Email!));

        var greeting = $"Hello {owner.DisplayName},";
        var lead = $"Every delivery to a webhook endpoint of your {app.Environment} app {app.Name} ({app.ClientId}) failed for "
            + $"{Duration(endpoint.DisabledAt - endpoint.FailingSince)}, so we disabled it and stopped sending it events.";
        var failingSince = $"Failing since: {Utc(endpoint.FailingSince)}";
        var disabledAt = $"Disabled at: {Utc(endpoint.DisabledAt)}";
        var lastError = $"Last error: {endpoint.LastError ?? "none recorded"}";
        var where = $"Apps → {app.Name} → Webhooks";
        var resume = $"Once the endpoint answers again, re-enable it in the developer portal ({where}) to resume deliveries.";
        var recover = "To recover the events it missed while it was disabled, read them from GET /v1/events, which keeps "
            + "events for 30 days.";
        var link = PortalLink(app);

        Func<string, string> html = value => WebUtility.HtmlEncode(value);
        message.Body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{lead}\n\nEndpoint: {endpoint.Url}\n{failingSince}\n{disabledAt}\n{lastError}\n\n"
                + $"{resume}{(link is null ? "" : $"\n\n{link}")}\n\n{recover}\n\nWekeza Open Platform",
            HtmlBody = $"""
                <p>{html(greeting)}</p>
                <p>{html(lead)}</p>
                <p>Endpoint: <code>{html(endpoint.Url)}</code><br>
                {html(failingSince)}<br>
                {html(disabledAt)}<br>
                {html(lastError)}</p>
                <p>{html(resume)}</p>
                {(link is null ? "" : $"""<p><a href="{html(link)}">Open {html(app.Name)} in the portal</a></p>""")}
                <p>{html(recover)}</p>
                <p>Wekeza Open Platform</p>
                """,
        }.ToMessageBody();

        return mailer.SendAsync(message, cancellationToken);
    }

    /// <summary>The app's page in the portal, when auth is told where the portal is.</summary>
    private string? PortalLink(AppRegistration app) =>
        Uri.TryCreate(configuration[$"{AuthSeeder.PortalSection}:BaseUrl"], UriKind.Absolute, out var portal)
            ? $"{portal.AbsoluteUri.TrimEnd('/')}/apps/{Uri.EscapeDataString(app.Id)}"
            : null;

    private static string WithoutQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? Plural((int)Math.Round(span.TotalDays), "day")
        : span.TotalHours >= 1 ? Plural((int)Math.Round(span.TotalHours), "hour")
        : span.TotalMinutes >= 1 ? Plural((int)Math.Round(span.TotalMinutes), "minute")
        : "less than a minute";

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
