using Microsoft.AspNetCore.Identity;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Account;

namespace Wekeza.Auth.Tests.Features.Account;

public sealed class BankPasswordValidatorTests
{
    private static readonly WekezaUser Amina = new() { Email = "amina.otieno@example.com", DisplayName = "Amina" };

    [Theory]
    [InlineData("MyPassword2026x", "PasswordTooCommon")]
    [InlineData("Nairobi-Sunrise-7", "PasswordTooCommon")]
    [InlineData("Xq123456789Long", "PasswordTooCommon")]
    [InlineData("Amina-Otieno-2026", "PasswordPersonal")]
    [InlineData("Zz-amina.otieno-9", "PasswordPersonal")]
    public async Task Guessable_passwords_are_refused(string password, string code)
    {
        var result = await new BankPasswordValidator().ValidateAsync(null!, Amina, password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, error => error.Code == code);
    }

    [Fact]
    public async Task A_long_unrelated_passphrase_is_accepted()
    {
        var result = await new BankPasswordValidator().ValidateAsync(null!, Amina, "Correct-Horse-Battery-9");

        Assert.Equal(IdentityResult.Success, result);
    }
}
