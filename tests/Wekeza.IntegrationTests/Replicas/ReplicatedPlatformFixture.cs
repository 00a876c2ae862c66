namespace Wekeza.IntegrationTests.Replicas;

/// <summary>
/// A second stack, run by the AppHost with two api and two workers processes (<c>AppHost:Replicas</c>), for the tests
/// that the platform behaves as one across replicas. Started once for the classes that use it.
/// </summary>
public sealed class ReplicatedPlatformFixture : PlatformFixture
{
    /// <summary>The sandbox tier's refill, slowed to one call a second (with a large burst) so a test sees two replicas draw on one budget.</summary>
    public const int SandboxPermitsPerMinute = 60;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--AppHost:Replicas:api=2",
        "--AppHost:Replicas:workers=2",
        $"--AppHost:Settings:api:RateLimits__Tiers__Sandbox__PermitsPerMinute={SandboxPermitsPerMinute}",
        "--AppHost:Settings:api:RateLimits__Tiers__Sandbox__Burst=2000",
    ];

    /// <summary>An HTTPS client for one api replica (<c>api</c> or <c>api-2</c>) calling as <paramref name="accessToken"/>.</summary>
    public HttpClient Api(string replica, string accessToken)
    {
        var http = CreateClient(replica);
        http.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return http;
    }
}
