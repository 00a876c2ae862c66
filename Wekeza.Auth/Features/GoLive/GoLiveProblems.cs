using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>The go-live APIs' refusals, each with a stable <c>code</c> (docs/errors.md, "Going live").</summary>
internal static class GoLiveProblems
{
    public static ProblemHttpResult AppNotFound(string id) => Problem(StatusCodes.Status404NotFound, "not_found",
        "App not found", $"You have no app with id '{id}'.");

    public static ProblemHttpResult RequestNotFound(string id) => Problem(StatusCodes.Status404NotFound, "production_request_not_found",
        "Production request not found", $"There is no production request '{id}'. A developer starts one by saving a draft for a sandbox app.");

    public static ProblemHttpResult NotSandbox(string id) => Problem(StatusCodes.Status409Conflict, "not_a_sandbox_app",
        "Only a sandbox app can go live", $"App '{id}' is already a production app; its sandbox app holds the production request.");

    public static ProblemHttpResult NotEditable(string state) => Problem(StatusCodes.Status409Conflict, "production_request_not_editable",
        "The production request cannot be changed now",
        $"The request is {state}: it can be edited only as a draft or after a rejection.");

    public static ProblemHttpResult NotSubmitted(string state) => Problem(StatusCodes.Status409Conflict, "production_request_not_submitted",
        "Only a submitted request can be approved or rejected",
        $"The request is {state}. Nothing was changed.");

    public static ProblemHttpResult Changed() => Problem(StatusCodes.Status409Conflict, "production_request_changed",
        "The production request changed at the same moment", "Another save of this request won; nothing of yours was saved. Read it again and retry.");

    public static ProblemHttpResult OwnApp() => Problem(StatusCodes.Status403Forbidden, "cannot_review_own_app",
        "You cannot review your own app",
        "This production request is for an app you own. Another administrator must approve or reject it.");

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
