namespace Wekeza.Auth.Features.Email;

/// <summary>
/// <c>Email</c> configuration. SMTP when <c>Email:Smtp:Host</c> is set; otherwise every message is written as an
/// <c>.eml</c> file to <c>Email:PickupDirectory</c> (the local stack sets <c>.wekeza/mail</c>).
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Wekeza Open Platform <no-reply@wekeza.local>";

    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public string? UserName { get; set; }

        public string? Password { get; set; }

        /// <summary>STARTTLS (or implicit TLS on 465) unless turned off for a local test relay.</summary>
        public bool UseTls { get; set; } = true;
    }
}
