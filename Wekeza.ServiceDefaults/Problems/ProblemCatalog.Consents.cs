namespace Wekeza.ServiceDefaults;

/// <summary>Consents and account information.</summary>
public static partial class ProblemCatalog
{
    public static readonly ProblemType AppTokenRequired = new("app_token_required", 403, "Use the app's own token", false);
    public static readonly ProblemType CustomerTokenRequired = new("customer_token_required", 403, "Use the customer's token", false);
    public static readonly ProblemType ConsentRequired = new("consent_required", 403, "The token carries no consent", false);
    public static readonly ProblemType ConsentInvalid = new("consent_invalid", 403, "The token's consent is not valid here", false);
    public static readonly ProblemType ConsentRevoked = new("consent_revoked", 403, "The consent was revoked", false);
    public static readonly ProblemType ConsentExpired = new("consent_expired", 403, "The consent has expired", false);
    public static readonly ProblemType ConsentNotAuthorised = new("consent_not_authorised", 403, "The consent is not authorised", false);
    public static readonly ProblemType PermissionMissing = new("permission_missing", 403, "The consent does not allow this", false);
    public static readonly ProblemType AccountNotFound = new("account_not_found", 404, "Account not found", false);
    public static readonly ProblemType InvalidLimit = new("invalid_limit", 400, "The limit is not valid", false);
    public static readonly ProblemType InvalidDate = new("invalid_date", 400, "The date is not valid", false);
    public static readonly ProblemType InvalidDateRange = new("invalid_date_range", 400, "The date range is not valid", false);
    public static readonly ProblemType OutsideConsentWindow = new("outside_consent_window", 400, "Outside the consent's transaction window", false);
    public static readonly ProblemType InvalidCursor = new("invalid_cursor", 400, "The cursor is not valid", false);
    public static readonly ProblemType ConsentNotFound = new("consent_not_found", 404, "Consent not found", false);
    public static readonly ProblemType ConsentChanged = new("consent_changed", 409, "The consent changed meanwhile", true);
    public static readonly ProblemType ConsentNotAwaitingAuthorisation = new("consent_not_awaiting_authorisation", 409, "The consent is not awaiting authorisation", false);
    public static readonly ProblemType ConsentNotExpirable = new("consent_not_expirable", 409, "The consent cannot expire", false);
    public static readonly ProblemType AdminRequired = new("admin_required", 403, "Administrators only", false);
}
