using Wekeza.Portal.Apps;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Tests.Apps;

/// <summary>The apps API as the pages see it: answers set by the test, calls recorded.</summary>
public sealed class FakeAppsClient : IAppsClient
{
    public IReadOnlyList<ApiScope> Scopes { get; set; } =
    [
        new("accounts.read", "Read account details and balances"),
        new("transactions.read", "Read transaction history"),
    ];

    public List<DeveloperApp> Apps { get; } = [];

    public Func<CreateAppRequest, ApiResult<CreatedApp>>? OnCreate { get; set; }

    public Func<string, UpdateAppRequest, ApiResult<DeveloperApp>>? OnUpdate { get; set; }

    public string NextSecret { get; set; } = "wk_sbx_sk_rotated";

    public List<CreateAppRequest> CreateCalls { get; } = [];

    public List<(string Id, UpdateAppRequest Request)> UpdateCalls { get; } = [];

    public List<string> RotateCalls { get; } = [];

    public List<string> DeleteCalls { get; } = [];

    public static DeveloperApp App(string id = "app_1", string name = "Budget Buddy", string clientId = "sbx_3f9c") =>
        new(id, clientId, name, "Budgets from your accounts", "sandbox", "active", ["https://app.example/callback"],
            ["accounts.read"], new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), null, null);

    public Task<ApiResult<IReadOnlyList<ApiScope>>> GetScopesAsync(CancellationToken cancellationToken = default) =>
        Ok(Scopes);

    public Task<ApiResult<IReadOnlyList<DeveloperApp>>> ListAsync(CancellationToken cancellationToken = default) =>
        Ok<IReadOnlyList<DeveloperApp>>([.. Apps]);

    public Task<ApiResult<DeveloperApp>> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<ApiResult<DeveloperApp>>(Apps.FirstOrDefault(app => app.Id == id) is { } app
            ? new ApiResult<DeveloperApp>.Success(app)
            : new ApiResult<DeveloperApp>.NotFound());

    public Task<ApiResult<CreatedApp>> CreateAsync(CreateAppRequest request, CancellationToken cancellationToken = default)
    {
        CreateCalls.Add(request);
        if (OnCreate is not null)
        {
            return Task.FromResult(OnCreate(request));
        }

        var app = App(id: $"app_{Apps.Count + 1}", name: request.Name) with { RedirectUris = request.RedirectUris, Scopes = request.Scopes };
        Apps.Add(app);
        return Ok(new CreatedApp(app, "wk_sbx_sk_created"));
    }

    public Task<ApiResult<DeveloperApp>> UpdateAsync(string id, UpdateAppRequest request, CancellationToken cancellationToken = default)
    {
        UpdateCalls.Add((id, request));
        return Task.FromResult(OnUpdate?.Invoke(id, request) ?? new ApiResult<DeveloperApp>.Success(Apps.Single(app => app.Id == id)));
    }

    public Task<ApiResult<RotatedSecret>> RotateSecretAsync(string id, CancellationToken cancellationToken = default)
    {
        RotateCalls.Add(id);
        return Ok(new RotatedSecret(Apps.Single(app => app.Id == id).ClientId, NextSecret, DateTimeOffset.UtcNow));
    }

    public Task<ApiResult<Done>> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        DeleteCalls.Add(id);
        Apps.RemoveAll(app => app.Id == id);
        return Ok(new Done());
    }

    private static Task<ApiResult<T>> Ok<T>(T value) => Task.FromResult<ApiResult<T>>(new ApiResult<T>.Success(value));
}
