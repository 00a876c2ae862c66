using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Wekeza.IntegrationTests.Identity;

internal static class Jwt
{
    /// <summary>The claims of a JWT, read without validating it (the API does that; the tests read what it carries).</summary>
    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt.Split('.')[1])).RootElement.Clone();
}
