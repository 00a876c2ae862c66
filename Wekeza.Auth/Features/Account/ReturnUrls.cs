using Microsoft.AspNetCore.Mvc;

namespace Wekeza.Auth.Features.Account;

/// <summary>Where to go after signing in: only ever a path on this server (the authorize endpoint), never elsewhere.</summary>
internal static class ReturnUrls
{
    public static string? LocalOrNull(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : null;
}
