using Microsoft.AspNetCore.Identity;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

/// <summary>
/// Refuses passwords that are long enough for Identity's rules yet easy to guess: the ones breached-password lists
/// start with, a repeated character, and ones built from the person's own email or name.
/// </summary>
internal sealed class BankPasswordValidator : IPasswordValidator<WekezaUser>
{
    private static readonly string[] Common =
    [
        "password", "passw0rd", "123456", "qwerty", "letmein", "welcome", "iloveyou", "admin", "wekeza", "monkey",
        "dragon", "football", "abc123", "111111", "sunshine", "princess", "kenya", "nairobi", "mpesa", "changeme",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<WekezaUser> manager, WekezaUser user, string? password)
    {
        var lower = (password ?? "").ToLowerInvariant();
        var errors = new List<IdentityError>();

        if (Common.Any(word => lower.Contains(word, StringComparison.Ordinal)))
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "Passwords containing common words or sequences (like \"password\" or \"123456\") are easy to guess: choose another." });
        }

        var personal = new[] { user.Email?.Split('@')[0], user.DisplayName }
            .Where(part => part is { Length: >= 4 })
            .Select(part => part!.ToLowerInvariant());
        if (personal.Any(part => lower.Contains(part, StringComparison.Ordinal)))
        {
            errors.Add(new IdentityError { Code = "PasswordPersonal", Description = "Your password must not contain your name or email address." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
