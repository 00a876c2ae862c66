using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.ServiceDefaults;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>The go-live APIs' refusals, each an entry of the error catalog (docs/errors.md, "Going live").</summary>
internal static class GoLiveProblems
{
    public static ProblemHttpResult AppNotFound(string id) => ProblemCatalog.AppNotFound.Result($"You have no app with id '{id}'.");

    public static ProblemHttpResult RequestNotFound(string id) => ProblemCatalog.ProductionRequestNotFound.Result(
        $"There is no production request '{id}'. A developer starts one by saving a draft for a sandbox app.");

    public static ProblemHttpResult NotSandbox(string id) => ProblemCatalog.NotASandboxApp.Result(
        $"App '{id}' is already a production app; its sandbox app holds the production request.");

    public static ProblemHttpResult NotEditable(string state) => ProblemCatalog.ProductionRequestNotEditable.Result(
        $"The request is {state}: it can be edited only as a draft or after a rejection.");

    public static ProblemHttpResult NotSubmitted(string state) => ProblemCatalog.ProductionRequestNotSubmitted.Result(
        $"The request is {state}. Nothing was changed.");

    public static ProblemHttpResult Changed() => ProblemCatalog.ProductionRequestChanged.Result(
        "Another save of this request won; nothing of yours was saved. Read it again and retry.");

    public static ProblemHttpResult OwnApp() => ProblemCatalog.CannotReviewOwnApp.Result(
        "This production request is for an app you own. Another administrator must approve or reject it.");
}
