using System.Text;
using System.Text.Json;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting;

/// <summary>The table of what runs where, and the same as <c>.wekeza/endpoints.json</c> for scripts.</summary>
internal static class StatusReport
{
    private static readonly Lock ConsoleGate = new();

    public static void Say(string line)
    {
        lock (ConsoleGate)
        {
            Console.WriteLine($"[apphost] {line}");
        }
    }

    public static void WriteEndpoints(DistributedApplication app, string path)
    {
        var endpoints = app.Resources
            .SelectMany(r => r.Urls)
            .ToDictionary(u => u.Key, u => u.Value);
        File.WriteAllText(path, JsonSerializer.Serialize(endpoints, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static void PrintTable(DistributedApplication app, Secrets? secrets)
    {
        var rows = app.Resources
            .SelectMany(r => r.Urls.DefaultIfEmpty(new(r.Name, "")).Select(url => (Name: url.Key, r.Kind, State: r.State.ToString(), Url: url.Value, Resource: r)))
            .ToList();
        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length));
        var kindWidth = Math.Max(4, rows.Max(r => r.Kind.Length));
        var text = new StringBuilder().AppendLine();
        text.AppendLine($"  {"RESOURCE".PadRight(nameWidth)}  {"TYPE".PadRight(kindWidth)}  {"STATE",-9}  URL");
        foreach (var row in rows)
        {
            text.AppendLine($"  {row.Name.PadRight(nameWidth)}  {row.Kind.PadRight(kindWidth)}  {row.State,-9}  {row.Url}");
        }

        foreach (var problem in app.Resources.Where(r => r.State is ResourceState.Failed or ResourceState.Blocked))
        {
            text.AppendLine().AppendLine($"  ✗ {problem.Name}: {problem.StateReason}");
            if (problem.FailureLogTail is { } tail)
            {
                foreach (var line in tail.Split('\n').TakeLast(12))
                {
                    text.AppendLine($"      | {line.TrimEnd()}");
                }
            }
        }

        text.AppendLine();
        if (secrets is not null && app.Resources.OfType<RabbitMQResource>().FirstOrDefault(r => r.ManagementPlugin) is { } rabbit)
        {
            text.AppendLine($"  RabbitMQ management: {rabbit.ManagementUrl}  user {RabbitMQResource.UserName}, password {secrets.Get($"{rabbit.Name}-password")}");
        }

        if (app.Certificates is { } certificates)
        {
            text.AppendLine($"  HTTPS is signed by the local CA {certificates.CaCertificatePath} (README: \"Trust the local CA\").");
        }

        text.AppendLine($"  Endpoints for scripts: {app.EndpointsFile}    Logs: {Path.Combine(app.Options.DataDirectory, "logs")}");
        text.AppendLine(app.AllHealthy
            ? $"  All {app.Resources.Count} resources are up in {app.StartupDuration.TotalSeconds:0.0} s. Ctrl+C stops everything."
            : $"  Some resources are not running (see above); the rest keep running ({app.StartupDuration.TotalSeconds:0.0} s). Ctrl+C stops everything.");
        lock (ConsoleGate)
        {
            Console.Write(text.ToString());
        }
    }
}
