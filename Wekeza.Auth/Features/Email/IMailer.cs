using MimeKit;

namespace Wekeza.Auth.Features.Email;

/// <summary>Sends one message; throws when it could not be handed over, so the caller can tell the person.</summary>
public interface IMailer
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
