using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Certificates;
using Wekeza.AppHost.Hosting.Processes;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Tests;

public sealed class OrchestratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wekeza-orchestrator-").FullName;
    private readonly List<string> _events = [];

    [Fact]
    public async Task A_failed_resource_blocks_what_waits_for_it_and_nothing_hangs()
    {
        var database = new FakeResource("database", _events, fail: true);
        var api = new FakeResource("api", _events, waitsFor: database);
        var portal = new FakeResource("portal", _events, waitsFor: api);
        var cache = new FakeResource("cache", _events);

        await new Orchestrator([database, api, portal, cache], Context(), _ => { })
            .StartAllAsync(TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(ResourceState.Failed, database.State);
        Assert.Contains("disk full", database.StateReason);
        Assert.Equal(ResourceState.Blocked, api.State);
        Assert.Equal("waits for database, which did not start", api.StateReason);
        Assert.Equal(ResourceState.Blocked, portal.State);
        Assert.Equal(ResourceState.Running, cache.State);
        Assert.DoesNotContain("start api", _events);
    }

    [Fact]
    public async Task Resources_start_after_what_they_wait_for_and_stop_before_it()
    {
        var database = new FakeResource("database", _events);
        var api = new FakeResource("api", _events, waitsFor: database);
        var portal = new FakeResource("portal", _events, waitsFor: api);
        var orchestrator = new Orchestrator([portal, api, database], Context(), _ => { });

        await orchestrator.StartAllAsync(TestContext.Current.CancellationToken);
        await orchestrator.StopAllAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(["start database", "start api", "start portal", "stop portal", "stop api", "stop database"], _events);
    }

    [Fact]
    public async Task A_resource_that_is_never_ready_fails_after_the_startup_timeout()
    {
        var stuck = new FakeResource("stuck", _events, hang: true);
        var options = new AppHostOptions { DataDirectory = _directory, StartupTimeout = TimeSpan.FromMilliseconds(300) };

        await new Orchestrator([stuck], Context(options), _ => { }).StartAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ResourceState.Failed, stuck.State);
        Assert.Contains("not ready after", stuck.StateReason);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ResourceContext Context(AppHostOptions? options = null)
    {
        options ??= new AppHostOptions { DataDirectory = _directory };
        return new ResourceContext(options, new PortAllocator(options), new Secrets(Path.Combine(_directory, "secrets.json")),
            LocalCertificateAuthority.Ensure(Path.Combine(_directory, "certs")), null!, NullLoggerFactory.Instance);
    }

    private sealed class FakeResource : Resource
    {
        private readonly List<string> _events;
        private readonly bool _fail;
        private readonly bool _hang;

        public FakeResource(string name, List<string> events, Resource? waitsFor = null, bool fail = false, bool hang = false) : base(name)
        {
            _events = events;
            _fail = fail;
            _hang = hang;
            if (waitsFor is not null)
            {
                AddWaitFor(waitsFor, untilFinished: false);
            }
        }

        public override string Kind => "fake";

        public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
        {
            lock (_events)
            {
                _events.Add($"start {Name}");
            }

            if (_hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await Task.Yield();
            if (_fail)
            {
                throw new ResourceFailedException("disk full");
            }
        }

        public override Task StopAsync(TimeSpan timeout)
        {
            lock (_events)
            {
                _events.Add($"stop {Name}");
            }

            return Task.CompletedTask;
        }
    }
}
