using System.Net;
using System.Net.Sockets;
using Wekeza.AppHost.Hosting;

namespace Wekeza.AppHost.Tests;

public sealed class PortAllocatorTests
{
    [Fact]
    public void A_busy_port_is_refused_up_front_naming_the_endpoint_and_the_override()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busy = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var ports = new PortAllocator(new AppHostOptions());

        var error = Assert.Throws<AppHostException>(() => ports.Get("api", busy));

        Assert.Contains($"Port {busy} for 'api' is already in use", error.Message);
        Assert.Contains("--AppHost:Ports:api=", error.Message);
    }

    [Fact]
    public void Dynamic_ports_are_free_and_distinct_and_stable_per_endpoint()
    {
        var ports = new PortAllocator(new AppHostOptions { DynamicPorts = true });

        var assigned = Enumerable.Range(0, 20).Select(i => ports.Get($"endpoint-{i}", 7100)).ToList();

        Assert.Equal(assigned.Count, assigned.Distinct().Count());
        Assert.DoesNotContain(7100, assigned);
        Assert.Equal(assigned[3], ports.Get("endpoint-3", 7100));
    }

    [Fact]
    public void An_override_wins_over_the_default()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var free = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new AppHostOptions();
        options.Ports["portal"] = free;

        Assert.Equal(free, new PortAllocator(options).Get("portal", 7100));
    }
}
