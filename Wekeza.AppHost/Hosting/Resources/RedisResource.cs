using System.Net.Sockets;
using System.Text;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>A Redis server from the machine's redis-server, password-protected, on loopback.</summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithRequirements
{
    public const int DefaultPort = 63790;

    public override string Kind => "redis";

    public int Port { get; private set; }

    private string Password { get; set; } = "";

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public override IEnumerable<KeyValuePair<string, string>> Urls => [new(Name, $"redis://127.0.0.1:{Port}")];

    public IEnumerable<Requirement> Requirements => [new("redis-server", "redis-server")];

    public override void AllocatePorts(PortAllocator ports) => Port = ports.Get(Name, DefaultPort);

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        Password = context.Secrets.Get($"{Name}-password");
        var account = ServiceAccount.For("redis");
        var data = context.Options.DataPath(Name);
        account.Own(data);
        account.EnsureCanEnter(data);

        // A config file rather than arguments, so the password is not visible in `ps`.
        var config = Path.Combine(data, "redis.conf");
        await File.WriteAllLinesAsync(config,
        [
            "bind 127.0.0.1",
            $"port {Port}",
            "protected-mode yes",
            $"requirepass {Password}",
            $"dir {data}",
            "daemonize no",
            "logfile \"\"",
            .. context.Options.Durable
                ? new[] { "appendonly yes", "appendfsync everysec", "save 3600 1 300 100 60 10000" }
                : ["appendonly no", "save \"\""],
        ], cancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        account.Own(data);

        var server = context.Launcher.Start(Name, account, Prerequisites.Require(Requirements.Single()), [config],
            new Dictionary<string, string>(), data, cleanEnvironment: true);
        Processes.Add(server);
        await Readiness.WaitAsync(server, PingAsync, cancellationToken);
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n"), cancellationToken);
        var buffer = new byte[64];
        var received = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        while (!received.ToString().Contains("\r\n+PONG\r\n") && !received.ToString().StartsWith('-'))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return false;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        // "-LOADING" while the append-only file replays is "not yet"; any other error is a real failure.
        return received.ToString() == "+OK\r\n+PONG\r\n";
    }
}
