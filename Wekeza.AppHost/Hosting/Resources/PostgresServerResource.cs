using Npgsql;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>A PostgreSQL server from the machine's own binaries: initdb on first run, then postgres on loopback.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithRequirements
{
    public const int DefaultPort = 54320;
    private static readonly string[] BinDirectories = ["/usr/lib/postgresql/*/bin"];

    public override string Kind => "postgres";

    public int Port { get; private set; }

    internal string Password { get; private set; } = "";

    public string ConnectionString => ConnectionStringFor(null);

    public override IEnumerable<KeyValuePair<string, string>> Urls => [new(Name, $"postgresql://127.0.0.1:{Port}")];

    public IEnumerable<Requirement> Requirements =>
        [new("initdb", "postgresql", BinDirectories), new("postgres", "postgresql", BinDirectories)];

    public string ConnectionStringFor(string? database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password}" + (database is null ? "" : $";Database={database}");

    public override void AllocatePorts(PortAllocator ports) => Port = ports.Get(Name, DefaultPort);

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        Password = context.Secrets.Get($"{Name}-password");
        var account = ServiceAccount.For("postgres");
        var root = context.Options.DataPath(Name);
        var data = Path.Combine(root, "pgdata");
        account.Own(root);
        account.EnsureCanEnter(root);

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(context, account, root, data);
        }

        account.Own(root);
        string[] arguments =
        [
            "-D", data, "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            // TCP only: no socket file to clash with another cluster or to need a writable /run.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
            .. context.Options.Durable ? [] : new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" },
        ];
        var server = context.Launcher.Start(Name, account, Prerequisites.Require(Requirements.Last()), arguments,
            new Dictionary<string, string>(), root, cleanEnvironment: true);
        Processes.Add(server);

        await Readiness.WaitAsync(server, async ct =>
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(ct);
            return true;
        }, cancellationToken);
    }

    private async Task InitializeAsync(ResourceContext context, ServiceAccount account, string root, string data)
    {
        var passwordFile = Path.Combine(root, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, Password);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        account.Own(root);
        try
        {
            var initdb = context.Launcher.Start(Name, account, Prerequisites.Require(Requirements.First()),
                ["-D", data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--locale=C.UTF-8"],
                new Dictionary<string, string>(), root, cleanEnvironment: true);
            var code = await initdb.Exited;
            if (code != 0)
            {
                throw new ResourceFailedException($"initdb failed with code {code}", initdb.Log);
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
