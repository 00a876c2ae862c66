using Npgsql;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when missing.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    public PostgresDatabaseResource(string name, PostgresServerResource server) : base(name)
    {
        Server = server;
        AddWaitFor(server, untilFinished: false);
    }

    public PostgresServerResource Server { get; }

    public override Resource Parent => Server;

    public override string Kind => "database";

    public string ConnectionString => Server.ConnectionStringFor(Name);

    public override IEnumerable<KeyValuePair<string, string>> Urls => [new(Name, $"postgresql://127.0.0.1:{Server.Port}/{Name}")];

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", Name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; the name is a constant of the app model, quoted all the same.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
