using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Wekeza.Auth.Features.Account;

/// <summary>Absolute links for emails, on the host the person is using (the issuer), with the one-time code encoded.</summary>
public sealed class AccountLinks(IHttpContextAccessor accessor)
{
    public string ConfirmEmail(string userId, string code, string? returnUrl) => Build("account/confirm-email", userId, code, returnUrl);

    public string ResetPassword(string userId, string code) => Build("account/reset-password", userId, code, returnUrl: null);

    public static string Encode(string code) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(code));

    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Build(string path, string userId, string code, string? returnUrl)
    {
        var request = accessor.HttpContext?.Request ?? throw new InvalidOperationException("Links are built while handling a request.");
        List<KeyValuePair<string, string?>> parameters = [new("userId", userId), new("code", Encode(code))];
        if (returnUrl is not null)
        {
            parameters.Add(new("returnUrl", returnUrl));
        }

        var query = QueryString.Create(parameters);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/{path}{query}";
    }
}
