using MimeKit;

namespace Wekeza.Auth.Features.Email;

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file: open it in any mail client, or read the link out of it in a
/// test. Written under a temporary name and renamed, so a reader never sees half a message.
/// </summary>
internal sealed class PickupDirectoryMailer(string directory, TimeProvider clock, ILogger<PickupDirectoryMailer> logger) : IMailer
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(directory, name));
        logger.LogInformation("Email \"{Subject}\" written to {File}", message.Subject, Path.Combine(directory, name));
    }
}
