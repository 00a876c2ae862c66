using Microsoft.AspNetCore.Identity;

namespace Wekeza.Auth.Data;

/// <summary>A person who signs in at auth: a developer, a customer of the bank, or an administrator.</summary>
public sealed class WekezaUser : IdentityUser
{
    /// <summary>How the person is addressed on screens and in emails.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
