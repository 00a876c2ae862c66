using System.Text.RegularExpressions;
using MimeKit;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>The local stack's outgoing mail: the <c>.eml</c> files auth writes under the data folder's <c>mail/</c>.</summary>
public sealed partial class Mailbox(string dataDirectory)
{
    private string Folder => Path.Combine(dataDirectory, "mail");

    public async Task<MimeMessage> WaitForAsync(string to, string subjectContains, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var message = All(to).LastOrDefault(m => (m.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase));
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"No email \"{subjectContains}\" to {to} arrived in {Folder}.");
    }

    public int Count(string to) => All(to).Count;

    public static string LinkIn(MimeMessage message) =>
        LinkPattern().Match(message.TextBody ?? "").Value is { Length: > 0 } link ? link : throw new InvalidOperationException("The email has no link.");

    private List<MimeMessage> All(string to) => !Directory.Exists(Folder) ? [] :
        [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(message => message.To.Mailboxes.Any(box => string.Equals(box.Address, to, StringComparison.OrdinalIgnoreCase)))];

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex LinkPattern();
}
