using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.GoLive;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.Email;

/// <summary>The emails of going live: a receipt and a notice to the admins on submission, then the decision.</summary>
public sealed class GoLiveEmails(IMailer mailer, IOptions<EmailOptions> options, IConfiguration configuration)
{
    public Task SendReceiptAsync(WekezaUser developer, ProductionRequestResponse request, CancellationToken cancellationToken) =>
        SendAsync(developer.DisplayName, developer.Email!, $"We received your production request for {request.AppName}",
            [$"Hello {developer.DisplayName},",
             $"Your request to take {request.AppName} ({request.SandboxClientId}) live is with our administrators. "
             + "They review the app's sandbox readiness report and your company details; a well-tested app is usually decided within one working day.",
             "We will email you when it is approved or rejected."],
            Portal($"/apps/{Uri.EscapeDataString(request.AppId)}/go-live"), "Follow the request in the portal", cancellationToken);

    public Task SendReviewNeededAsync(WekezaUser admin, ProductionRequestResponse request, CancellationToken cancellationToken) =>
        SendAsync(admin.DisplayName, admin.Email!, $"Production request to review: {request.AppName}",
            [$"Hello {admin.DisplayName},",
             $"{request.OwnerEmail} submitted {request.AppName} ({request.SandboxClientId}) for production on behalf of {request.LegalName}.",
             $"Use case: {request.UseCase}"],
            Portal($"/admin/production-requests/{Uri.EscapeDataString(request.Id)}"), "Review the request", cancellationToken);

    public Task SendApprovedAsync(WekezaUser developer, ProductionRequestResponse request, CancellationToken cancellationToken) =>
        SendAsync(developer.DisplayName, developer.Email!, $"{request.AppName} is approved for production",
            [$"Hello {developer.DisplayName},",
             $"Your production app for {request.AppName} is ready. Its client id is {request.ProductionClientId}.",
             "Generate its client secret in the portal: it is shown to you once, and to no one else. Production apps see real "
             + "customers only, with production rate limits."
             + (request.DecisionNote is null ? "" : $"\n\nNote from the reviewer: {request.DecisionNote}")],
            Portal($"/apps/{Uri.EscapeDataString(request.ProductionAppId ?? request.AppId)}"), "Open your production app", cancellationToken);

    public Task SendRejectedAsync(WekezaUser developer, ProductionRequestResponse request, CancellationToken cancellationToken) =>
        SendAsync(developer.DisplayName, developer.Email!, $"Your production request for {request.AppName} needs changes",
            [$"Hello {developer.DisplayName},",
             $"We could not approve {request.AppName} for production yet. The reviewer's note:",
             request.DecisionNote ?? "",
             "Edit the request in the portal and submit it again."],
            Portal($"/apps/{Uri.EscapeDataString(request.AppId)}/go-live"), "Edit the request", cancellationToken);

    private Task SendAsync(string name, string to, string subject, IReadOnlyList<string> paragraphs, string? link, string linkText, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(name, to));
        var text = string.Join("\n\n", paragraphs) + (link is null ? "" : $"\n\n{linkText}: {link}") + "\n\nWekeza Open Platform";
        var html = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"))
            + (link is null ? "" : $"""<p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(linkText)}</a></p>""")
            + "<p>Wekeza Open Platform</p>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return mailer.SendAsync(message, cancellationToken);
    }

    private string? Portal(string path) =>
        Uri.TryCreate(configuration[$"{AuthSeeder.PortalSection}:BaseUrl"], UriKind.Absolute, out var portal)
            ? portal.AbsoluteUri.TrimEnd('/') + path
            : null;
}
