using Wekeza.Portal.GoLive;
using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.GoLive;

/// <summary>Auth's going-live API as the pages see it: answers set by the test, calls recorded.</summary>
public sealed class FakeGoLiveClient : IGoLiveClient
{
    public List<ProductionRequestResponse> Requests { get; } = [];

    public List<AdminAppSummary> Apps { get; } = [];

    public Func<ProductionRequestFields, ApiResult<ProductionRequestResponse>>? OnSave { get; set; }

    public Func<ApiResult<ProductionRequestResponse>>? OnSubmit { get; set; }

    public Func<string, ApiResult<ProductionRequestResponse>>? OnDecide { get; set; }

    public List<ProductionRequestFields> SaveCalls { get; } = [];

    public List<string> SubmitCalls { get; } = [];

    public List<(string Id, bool Approve, string? Note)> DecideCalls { get; } = [];

    public static ProductionRequestResponse Request(string state = ProductionRequestStates.Submitted, string id = "prq_1", string appId = "app_1") =>
        new(id, appId, "Budget Buddy", "sbx_3f9c", "dev-1", "dev@example.com", state, "Tausi Fintech Ltd", "PVT-1", "KE",
            "compliance@tausi.example", "+254712345678", "https://tausi.example", "Shows balances and spending, read only.",
            ["https://tausi.example/callback"], ["accounts.read"], Now, Now, Now, null, null, null, null,
            [new("dev-1", "dev@example.com", null, ProductionRequestStates.Draft, null, Now),
             new("dev-1", "dev@example.com", ProductionRequestStates.Draft, ProductionRequestStates.Submitted, null, Now)]);

    private static DateTimeOffset Now => new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public Task<ApiResult<ProductionRequestResponse>> GetRequestAsync(string appId, CancellationToken cancellationToken = default) =>
        Result(Requests.FirstOrDefault(r => r.AppId == appId));

    public Task<ApiResult<ProductionRequestResponse>> SaveDraftAsync(string appId, ProductionRequestFields fields, CancellationToken cancellationToken = default)
    {
        SaveCalls.Add(fields);
        return Task.FromResult(OnSave?.Invoke(fields) ?? new ApiResult<ProductionRequestResponse>.Success(Request(ProductionRequestStates.Draft, appId: appId)));
    }

    public Task<ApiResult<ProductionRequestResponse>> SubmitAsync(string appId, CancellationToken cancellationToken = default)
    {
        SubmitCalls.Add(appId);
        return Task.FromResult(OnSubmit?.Invoke() ?? new ApiResult<ProductionRequestResponse>.Success(Request(appId: appId)));
    }

    public Task<ApiResult<IReadOnlyList<ProductionRequestSummary>>> ListRequestsAsync(string? state, CancellationToken cancellationToken = default) =>
        Task.FromResult<ApiResult<IReadOnlyList<ProductionRequestSummary>>>(new ApiResult<IReadOnlyList<ProductionRequestSummary>>.Success(
            [.. Requests.Where(r => state is null || r.State == state)
                .Select(r => new ProductionRequestSummary(r.Id, r.AppId, r.AppName, r.SandboxClientId, r.OwnerEmail, r.LegalName, r.State, r.UpdatedAt, r.SubmittedAt))]));

    public Task<ApiResult<ProductionRequestResponse>> GetAnyRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        Result(Requests.FirstOrDefault(r => r.Id == requestId));

    public Task<ApiResult<ProductionRequestResponse>> ApproveAsync(string requestId, string? note, CancellationToken cancellationToken = default) =>
        Decide(requestId, true, note);

    public Task<ApiResult<ProductionRequestResponse>> RejectAsync(string requestId, string note, CancellationToken cancellationToken = default) =>
        Decide(requestId, false, note);

    public Task<ApiResult<IReadOnlyList<AdminAppSummary>>> ListAppsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<ApiResult<IReadOnlyList<AdminAppSummary>>>(new ApiResult<IReadOnlyList<AdminAppSummary>>.Success([.. Apps]));

    private Task<ApiResult<ProductionRequestResponse>> Decide(string requestId, bool approve, string? note)
    {
        DecideCalls.Add((requestId, approve, note));
        if (OnDecide is not null)
        {
            return Task.FromResult(OnDecide(requestId));
        }

        var request = Requests.Single(r => r.Id == requestId);
        var decided = request with
        {
            State = approve ? ProductionRequestStates.Approved : ProductionRequestStates.Rejected, DecisionNote = note,
            ProductionAppId = approve ? "app_live" : null, ProductionClientId = approve ? "live_9a1b" : null,
        };
        Requests[Requests.IndexOf(request)] = decided;
        return Task.FromResult<ApiResult<ProductionRequestResponse>>(new ApiResult<ProductionRequestResponse>.Success(decided));
    }

    private static Task<ApiResult<ProductionRequestResponse>> Result(ProductionRequestResponse? request) =>
        Task.FromResult<ApiResult<ProductionRequestResponse>>(request is null
            ? new ApiResult<ProductionRequestResponse>.NotFound()
            : new ApiResult<ProductionRequestResponse>.Success(request));
}

/// <summary>The API's readiness report: none (the endpoint answering 404) unless the test sets one.</summary>
public sealed class FakeReadinessClient : IReadinessClient
{
    public AppReadiness? Report { get; set; }

    public List<string> Calls { get; } = [];

    public Task<ApiResult<AppReadiness>> GetAsync(string sandboxClientId, CancellationToken cancellationToken = default)
    {
        Calls.Add(sandboxClientId);
        return Task.FromResult<ApiResult<AppReadiness>>(Report is null
            ? new ApiResult<AppReadiness>.NotFound()
            : new ApiResult<AppReadiness>.Success(Report));
    }
}
