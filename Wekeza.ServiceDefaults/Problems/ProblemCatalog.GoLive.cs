namespace Wekeza.ServiceDefaults;

/// <summary>Going live: auth's production requests (docs/going-live.md).</summary>
public static partial class ProblemCatalog
{
    public static readonly ProblemType ProductionRequestNotFound = new("production_request_not_found", 404, "Production request not found", false);
    public static readonly ProblemType NotASandboxApp = new("not_a_sandbox_app", 409, "Only a sandbox app can go live", false);
    public static readonly ProblemType ProductionRequestNotEditable = new("production_request_not_editable", 409, "The production request cannot be changed now", false);
    public static readonly ProblemType ProductionRequestNotSubmitted = new("production_request_not_submitted", 409, "Only a submitted request can be approved or rejected", false);
    public static readonly ProblemType ProductionRequestChanged = new("production_request_changed", 409, "The production request changed at the same moment", true);
    public static readonly ProblemType CannotReviewOwnApp = new("cannot_review_own_app", 403, "You cannot review your own app", false);
}
