using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace Wekeza.Bench;

/// <summary>
/// Times the API's UseAuthentication step (ASP.NET Core's AuthenticationMiddleware over the API's own services), which
/// every API request passes: OpenIddict validation's request handler, then <c>AuthenticateAsync</c> on its scheme (the
/// default scheme): read the bearer token, check its RS256 signature against the cached JWKS, its issuer, audience,
/// lifetime and type. Each iteration is a fresh request scope and HttpContext, as a real request has; the next
/// middleware does nothing.
/// </summary>
internal static class ValidationBench
{
    private const string Scheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new BenchOptions(args, ["iterations", "warmup-iterations", "client-id", "client-secret", "auth", "api", "portal", "ca"]);
            var iterations = options.GetInt("iterations", 200_000);
            var warmUp = options.GetInt("warmup-iterations", 20_000);
            var env = BenchEnvironment.Discover(options);

            await using var api = new LiveAuthApiFactory(env);
            var scopes = api.Services.GetRequiredService<IServiceScopeFactory>();
            var authentication = new AuthenticationMiddleware(_ => Task.CompletedTask, api.Services.GetRequiredService<IAuthenticationSchemeProvider>());

            using var http = new HttpClient(env.CreateHandler());
            var app = await SandboxApp.GetAsync(options, env, "accounts.read");
            var grant = new ClientCredentialsGrant(env, app, "accounts.read");
            var (token, lifetime) = await grant.RequestAsync(http);
            Console.WriteLine($"Token: {grant.Describe(token)}, expires in {lifetime.TotalSeconds:0} s");
            var bearer = "Bearer " + token;

            // Warm-up: the first call fetches auth's discovery document and JWKS; then the JIT and tiering settle.
            await MeasureAsync(authentication, scopes, env, bearer, warmUp, expectSuccess: true);
            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var valid = await MeasureAsync(authentication, scopes, env, bearer, iterations, expectSuccess: true);
            var gcAfter = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

            await MeasureAsync(authentication, scopes, env, authorization: null, warmUp, expectSuccess: false);
            var anonymous = await MeasureAsync(authentication, scopes, env, authorization: null, iterations, expectSuccess: false);

            Console.WriteLine($"UseAuthentication (scheme {Scheme}) in Wekeza.Api's own setup, {iterations:N0} iterations after {warmUp:N0} warm-up, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
            Print("valid token", valid);
            Print("no token", anonymous);
            Console.WriteLine($"  validation adds  {valid.Latencies.Percentile(50) - anonymous.Latencies.Percentile(50):0.0} µs at p50, {valid.BytesPerCall - anonymous.BytesPerCall:N0} B allocated per request");
            Console.WriteLine($"  GCs during the valid-token run: gen0 {gcAfter.Item1 - gcBefore.Item1}, gen1 {gcAfter.Item2 - gcBefore.Item2}, gen2 {gcAfter.Item3 - gcBefore.Item3}");
            return 0;
        }
        catch (BenchException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private sealed record Measurement(Latencies Latencies, double BytesPerCall, int CompletedAsynchronously);

    private static async Task<Measurement> MeasureAsync(
        AuthenticationMiddleware authentication, IServiceScopeFactory scopes, BenchEnvironment env, string? authorization, int iterations, bool expectSuccess)
    {
        var ticks = new long[iterations];
        long bytes = 0, sampled = 0;
        var asynchronous = 0;
        for (var i = 0; i < iterations; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = NewRequest(scope.ServiceProvider, env, authorization);

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var pending = authentication.Invoke(context);
            var completedSynchronously = pending.IsCompleted;
            await pending;
            ticks[i] = Stopwatch.GetTimestamp() - started;

            // The thread's allocation counter is only meaningful if nothing continued on another thread.
            if (completedSynchronously)
            {
                bytes += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                sampled++;
            }
            else
            {
                asynchronous++;
            }

            var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
            if ((result?.Succeeded ?? false) != expectSuccess)
            {
                throw new BenchException($"Iteration {i}: validation {(expectSuccess ? "failed" : "succeeded")} " +
                    $"({result?.Failure?.Message ?? "no failure"}); expired token? Use fewer --iterations.");
            }
        }

        return new Measurement(new Latencies(ticks), sampled == 0 ? double.NaN : (double)bytes / sampled, asynchronous);
    }

    private static DefaultHttpContext NewRequest(IServiceProvider services, BenchEnvironment env, string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = env.Api.Scheme;
        context.Request.Host = new HostString(env.Api.Authority);
        context.Request.Path = "/v1/accounts";
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    private static void Print(string label, Measurement m) =>
        Console.WriteLine($"  {label,-16} µs: {m.Latencies.Summary(milliseconds: false)};  {m.BytesPerCall:N0} B allocated per call" +
            (m.CompletedAsynchronously > 0 ? $" ({m.CompletedAsynchronously} calls completed asynchronously, not in the byte count)" : ""));
}
