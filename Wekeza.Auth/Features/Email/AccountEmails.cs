using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Email;

/// <summary>The emails about a person's account, each with one link and the time it stops working.</summary>
public sealed class AccountEmails(IMailer mailer, IOptions<EmailOptions> options)
{
    public Task SendVerificationAsync(WekezaUser user, string link, TimeSpan validFor, CancellationToken cancellationToken) =>
        SendAsync(user, "Verify your email for Wekeza Open Platform",
            $"Welcome to the Wekeza Open Platform, {user.DisplayName}.",
            "Confirm that this is your email address to finish creating your developer account:",
            link, "Verify my email", validFor,
            "If you did not create an account, ignore this email: nothing happens without the link.",
            cancellationToken);

    public Task SendPasswordResetAsync(WekezaUser user, string link, TimeSpan validFor, CancellationToken cancellationToken) =>
        SendAsync(user, "Reset your Wekeza password",
            $"Hello {user.DisplayName},",
            "Someone (we hope you) asked to reset the password of your Wekeza account. Choose a new one here:",
            link, "Choose a new password", validFor,
            "If it was not you, ignore this email: your password stays as it is.",
            cancellationToken);

    private Task SendAsync(WekezaUser user, string subject, string greeting, string lead, string link, string action,
        TimeSpan validFor, string footer, CancellationToken cancellationToken)
    {
        var expiry = validFor.TotalHours >= 1 ? $"{validFor.TotalHours:0} hours" : $"{validFor.TotalMinutes:0} minutes";
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email!));

        Func<string, string> html = value => WebUtility.HtmlEncode(value);
        message.Body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{lead}\n\n{link}\n\nThe link works for {expiry}.\n\n{footer}\n\nWekeza Open Platform",
            HtmlBody = $"""
                <p>{html(greeting)}</p>
                <p>{html(lead)}</p>
                <p><a href="{html(link)}">{html(action)}</a></p>
                <p>The link works for {expiry}.</p>
                <p style="color:#4B5563">{html(footer)}</p>
                <p>Wekeza Open Platform</p>
                """,
        }.ToMessageBody();

        return mailer.SendAsync(message, cancellationToken);
    }
}
