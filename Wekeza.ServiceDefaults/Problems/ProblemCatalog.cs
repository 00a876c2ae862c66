using System.Collections.Frozen;
using System.Reflection;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// Every code the platform's services answer problem+json with, and nothing else: feature code answers with these
/// entries, never with a literal code. docs/errors.md is the human side of the same catalog, one row per entry with an
/// anchor at <c>/docs/errors#&lt;code&gt;</c> (a test keeps the two equal). Adding a code is one field in one of these
/// partial files (grouped by feature) plus one row in docs/errors.md.
/// </summary>
public static partial class ProblemCatalog
{
    public const string CodeProperty = "code";

    public static readonly ProblemType InvalidRequest = new("invalid_request", 400, "The request could not be read", false);
    public static readonly ProblemType Unauthorized = new("unauthorized", 401, "Authentication required", false);
    public static readonly ProblemType Forbidden = new("forbidden", 403, "Not allowed", false);
    public static readonly ProblemType NotFound = new("not_found", 404, "Not found", false);
    public static readonly ProblemType MethodNotAllowed = new("method_not_allowed", 405, "Method not allowed", false);
    public static readonly ProblemType NotAcceptable = new("not_acceptable", 406, "Not acceptable", false);
    public static readonly ProblemType Conflict = new("conflict", 409, "Conflict with the current state", false);
    public static readonly ProblemType PayloadTooLarge = new("payload_too_large", 413, "The request body is too large", false);
    public static readonly ProblemType UnsupportedMediaType = new("unsupported_media_type", 415, "Unsupported media type", false);
    public static readonly ProblemType ValidationFailed = new("validation_failed", 422, "The request breaks a rule", false);
    public static readonly ProblemType RateLimited = new("rate_limited", 429, "Too many requests", true);
    public static readonly ProblemType InternalError = new("internal_error", 500, "Something went wrong on our side", true);
    public static readonly ProblemType ServiceUnavailable = new("service_unavailable", 503, "Service unavailable", true);

    private static readonly Lazy<FrozenDictionary<string, ProblemType>> ByCode = new(() =>
        typeof(ProblemCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(ProblemType))
            .Select(field => (ProblemType)field.GetValue(null)!)
            .ToFrozenDictionary(type => type.Code, StringComparer.Ordinal));

    /// <summary>Every entry, in no particular order.</summary>
    public static IReadOnlyCollection<ProblemType> All => ByCode.Value.Values;

    /// <summary>The entry for a code, or null when the code is not in the catalog.</summary>
    public static ProblemType? Find(string? code) => code is not null && ByCode.Value.TryGetValue(code, out var type) ? type : null;

    /// <summary>The generic entry for a status the framework answered with (an unknown route, a challenge, a bad body).</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        410 => ApiVersionSunset,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => ValidationFailed,
        429 => RateLimited,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => InvalidRequest,
    };
}
