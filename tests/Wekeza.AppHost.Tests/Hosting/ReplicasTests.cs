using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Tests.Hosting;

public sealed class ReplicasTests
{
    [Fact]
    public void Each_replica_gets_its_own_port_ten_apart_and_its_own_name()
    {
        var api = Service("api", 7102, replicas: 3);

        api.AllocatePorts(new PortAllocator(new AppHostOptions { Ports = { ["api"] = FreePort(), ["api-2"] = FreePort(), ["api-3"] = FreePort() } }));

        Assert.Equal(["api", "api-2", "api-3"], api.Urls.Select(url => url.Key));
        Assert.Equal(3, api.ReplicaUrls.Distinct().Count());
        Assert.Equal(api.ReplicaUrls[0], api.Url);
    }

    [Fact]
    public void Without_overrides_the_replicas_take_the_documented_port_and_the_next_tens()
    {
        var ports = new PortAllocator(new AppHostOptions());
        var api = Service("api", FreePortWithTwoFreeTens(), replicas: 3);

        api.AllocatePorts(ports);

        Assert.Equal([api.Port, api.Port + 10, api.Port + 20], api.ReplicaUrls.Select(url => new Uri(url).Port));
    }

    [Fact]
    public void Prometheus_scrapes_every_replica_as_an_instance_of_one_job()
    {
        var api = Service("api", 7102, replicas: 2);
        api.AllocatePorts(new PortAllocator(new AppHostOptions { DynamicPorts = true }));
        var prometheus = new PrometheusResource("prometheus");
        prometheus.AddTarget(api);

        var config = prometheus.Configuration("/tmp/ca.crt");

        Assert.Single(config.Split('\n'), line => line.Contains("job_name: 'api'"));
        Assert.Contains($"targets: ['localhost:{new Uri(api.ReplicaUrls[0]).Port}', 'localhost:{new Uri(api.ReplicaUrls[1]).Port}']", config);
    }

    [Fact]
    public void A_replica_count_for_a_job_or_an_unknown_service_or_out_of_range_is_refused_naming_the_setting()
    {
        Assert.Contains("one-shot job", Assert.Throws<AppHostException>(() =>
        {
            var migrations = new ProjectResource("api-migrations", new FakeProject()) { Replicas = 2 };
            migrations.AllocatePorts(new PortAllocator(new AppHostOptions { DynamicPorts = true }));
        }).Message);

        Assert.Contains("there is no service named 'apii'", Assert.Throws<AppHostException>(() => Build(("apii", 2))).Message);
        Assert.Contains("AppHost:Replicas:api=0", Assert.Throws<AppHostException>(() => Build(("api", 0))).Message);
        Assert.Contains("1 to 9 replicas", Assert.Throws<AppHostException>(() => Build(("api", 12))).Message);
        Assert.Equal(2, ((ProjectResource)Build(("API", 2)).Resources.Single(r => r.Name == "api")).Replicas);
    }

    private static DistributedApplication Build((string Name, int Count) replicas)
    {
        var builder = DistributedApplication.CreateBuilder([$"--AppHost:Replicas:{replicas.Name}={replicas.Count}", "--AppHost:DataDirectory=/tmp/wekeza-replicas-test"]);
        builder.AddResource(new ProjectResource("api", new FakeProject()) { HttpsPortDefault = 7102 });
        return builder.Build();
    }

    private static ProjectResource Service(string name, int port, int replicas) =>
        new(name, new FakeProject()) { HttpsPortDefault = port, Replicas = replicas };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreePortWithTwoFreeTens()
    {
        for (var port = 41000; port < 42000; port++)
        {
            if (new[] { port, port + 10, port + 20 }.All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free ports.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
