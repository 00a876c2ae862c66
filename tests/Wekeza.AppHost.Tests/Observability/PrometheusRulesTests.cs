using System.Diagnostics;
using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Tests.Observability;

/// <summary>
/// The repository's Prometheus rules and the configuration the AppHost writes, checked by the promtool of the
/// Prometheus the stack runs (Debian's package, which .ci/run and the AppHost install).
/// </summary>
public sealed class PrometheusRulesTests : IDisposable
{
    private static readonly string Observability = Path.Combine(RepositoryRoot.Find(), "observability", "prometheus");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string _directory = Directory.CreateTempSubdirectory("wekeza-prometheus-").FullName;

    [Fact]
    public async Task The_rules_are_valid()
    {
        var rules = Directory.GetFiles(Path.Combine(Observability, "rules"), "*.yml");
        Assert.NotEmpty(rules);

        var (code, output) = await PromtoolAsync(["check", "rules", .. rules]);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task Each_alert_fires_on_what_it_is_for_and_not_on_what_it_ignores()
    {
        var tests = Directory.GetFiles(Path.Combine(Observability, "tests"), "*.test.yml");
        Assert.NotEmpty(tests);

        var (code, output) = await PromtoolAsync(["test", "rules", .. tests]);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Every_alert_rule_has_a_unit_test()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(Observability, "rules", "wekeza.yml"), Cancel);
        var tests = string.Concat(await Task.WhenAll(Directory.GetFiles(Path.Combine(Observability, "tests"), "*.test.yml").Select(f => File.ReadAllTextAsync(f, Cancel))));

        var alerts = rules.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("- alert: ", StringComparison.Ordinal))
            .Select(line => line["- alert: ".Length..]).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Contains($"alertname: {alert}\n", tests.Replace("\r\n", "\n")));
    }

    [Fact]
    public async Task The_configuration_the_apphost_writes_scrapes_every_service_over_https_with_the_rules()
    {
        var ca = Path.Combine(_directory, "ca.crt");
        await File.WriteAllTextAsync(ca, await File.ReadAllTextAsync(TestCertificate(), Cancel), Cancel);
        var prometheus = new PrometheusResource("prometheus");
        var ports = new PortAllocator(new AppHostOptions { DynamicPorts = true });
        var services = new[] { ("auth", 7101), ("api", 7102) }.Select(service => new ProjectResource(service.Item1, new FakeProject()) { HttpsPortDefault = service.Item2 }).ToList();
        foreach (var service in services)
        {
            service.AllocatePorts(ports);
            prometheus.AddTarget(service);
        }

        var config = Path.Combine(_directory, "prometheus.yml");
        var text = prometheus.Configuration(ca);
        await File.WriteAllTextAsync(config, text, Cancel);

        var (code, output) = await PromtoolAsync(["check", "config", config]);

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 1 rule files found", output);
        Assert.Contains("job_name: 'api'", text);
        Assert.Contains($"targets: ['localhost:{services[1].Port}']", text);
        Assert.Contains("scheme: https", text);
    }

    [Fact]
    public void A_job_without_an_endpoint_cannot_be_scraped()
    {
        var prometheus = new PrometheusResource("prometheus");
        var migrations = new ProjectResource("api-migrations", new FakeProject());

        var error = Assert.Throws<ArgumentException>(() => prometheus.AddTarget(migrations));

        Assert.Contains("'api-migrations' is a job", error.Message);
    }

    // Any PEM certificate will do for promtool, which only checks that the CA file exists; the machine's own CA bundle.
    private static string TestCertificate() =>
        new[] { "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem" }.First(File.Exists);

    private static async Task<(int Code, string Output)> PromtoolAsync(string[] arguments)
    {
        // Installed if missing (as root), as the AppHost installs Prometheus: `dotnet test` alone works on a fresh machine.
        var requirement = new Requirement("promtool", "prometheus");
        Prerequisites.EnsureInstalled([requirement], new AppHostOptions(), _ => { });
        var promtool = Prerequisites.Require(requirement);
        var start = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
