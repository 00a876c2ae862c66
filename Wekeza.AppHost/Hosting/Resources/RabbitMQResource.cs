using System.Net.Http.Headers;
using System.Text;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>
/// A RabbitMQ node from the machine's rabbitmq-server, with its own epmd on its own port, so it never meets another
/// node on the machine (a system RabbitMQ, a test run's stack) and leaves no epmd daemon behind.
/// </summary>
public sealed class RabbitMQResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithRequirements
{
    public const int DefaultPort = 56720;
    public const int DefaultManagementPort = 15673;
    public const string UserName = "wekeza";

    public override string Kind => "rabbitmq";

    public bool ManagementPlugin { get; internal set; }

    public int Port { get; private set; }

    public int ManagementPort { get; private set; }

    internal string Password { get; private set; } = "";

    public string ConnectionString => $"amqp://{UserName}:{Password}@127.0.0.1:{Port}/";

    public string ManagementName => $"{Name}-management";

    public string ManagementUrl => $"http://localhost:{ManagementPort}";

    public override IEnumerable<KeyValuePair<string, string>> Urls => ManagementPlugin
        ? [new(Name, $"amqp://127.0.0.1:{Port}"), new(ManagementName, ManagementUrl)]
        : [new(Name, $"amqp://127.0.0.1:{Port}")];

    public IEnumerable<Requirement> Requirements =>
        [new("rabbitmq-server", "rabbitmq-server", "/usr/lib/rabbitmq/bin"), new("epmd", "erlang-base")];

    private int EpmdPort { get; set; }

    private int DistributionPort { get; set; }

    public override void AllocatePorts(PortAllocator ports)
    {
        Port = ports.Get(Name, DefaultPort);
        ManagementPort = ports.Get(ManagementName, DefaultManagementPort);
        EpmdPort = ports.Get($"{Name}-epmd", 43699);
        DistributionPort = ports.Get($"{Name}-distribution", 25679);
    }

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        Password = context.Secrets.Get($"{Name}-password");
        var account = ServiceAccount.For("rabbitmq");
        var data = context.Options.DataPath(Name);
        var home = Path.Combine(data, "home");
        Directory.CreateDirectory(home);
        account.EnsureCanEnter(data);

        await File.WriteAllTextAsync(Path.Combine(data, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{Port}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {ManagementPort}
            default_user = {UserName}
            default_pass = {Password}
            loopback_users = none
            log.console = true
            log.console.level = info
            log.file = false
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(data, "enabled_plugins"),
            ManagementPlugin ? "[rabbitmq_management]." : "[].", cancellationToken);
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (File.Exists(cookie))
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(cookie, context.Secrets.Get($"{Name}-erlang-cookie"), cancellationToken);
        File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        account.Own(data);

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["ERL_EPMD_PORT"] = EpmdPort.ToString(),
            // Each stack has its own epmd, so every stack can use the same node name; a stable name keeps the data
            // directory (named after the node) the same from run to run, whatever the ports.
            ["RABBITMQ_NODENAME"] = "wekeza@localhost",
            ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(data, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(data, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(data, "rabbitmq.pid"),
        };

        var epmd = context.Launcher.Start(Name, account, Prerequisites.Require(Requirements.Last()), ["-port", EpmdPort.ToString()],
            environment, data, cleanEnvironment: true);
        Processes.Add(epmd);
        var server = context.Launcher.Start(Name, account, Prerequisites.Require(Requirements.First()), [],
            environment, data, cleanEnvironment: true);
        Processes.Add(server);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        await Readiness.WaitAsync(server, async ct =>
        {
            if (epmd.HasExited)
            {
                throw new ResourceFailedException($"epmd exited with code {await epmd.Exited}", epmd.Log);
            }

            if (!ManagementPlugin)
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port, ct);
                return true;
            }

            // The management API answers only once the broker has booted and its listeners are up.
            using var response = await http.GetAsync($"http://127.0.0.1:{ManagementPort}/api/health/checks/alarms", ct);
            return response.IsSuccessStatusCode;
        }, cancellationToken);
    }
}
