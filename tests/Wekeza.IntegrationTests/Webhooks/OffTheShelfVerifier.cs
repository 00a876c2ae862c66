using System.Diagnostics;
using System.Text.Json;
using Wekeza.AppHost.Hosting;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>
/// Verifies received webhooks with the Standard Webhooks project's own JavaScript library (npm "standardwebhooks",
/// pinned in tests/webhook-verifier), run by Node: proof that any receiver using a published library accepts our
/// deliveries unchanged. Installs the package on first use (npm ci), as the browser tests install Chromium.
/// </summary>
public static class OffTheShelfVerifier
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly Requirement Node = new("node", "nodejs", "/usr/bin", "/usr/local/bin");
    private static readonly Requirement Npm = new("npm", "npm", "/usr/bin", "/usr/local/bin");

    public static async Task<IReadOnlyList<string>> VerifyAsync(string secret, IEnumerable<ReceivedWebhook> webhooks)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "webhook-verifier");
        await Install.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            // Node and npm from Debian's packages when missing, as the browser tests install Chromium.
            Prerequisites.EnsureInstalled([Node, Npm], new AppHostOptions(), message => TestContext.Current.SendDiagnosticMessage(message));
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")))
            {
                var (code, output) = await RunAsync(Prerequisites.Require(Npm), "ci --no-audit --no-fund", folder, null);
                Assert.True(code == 0, "npm ci in tests/webhook-verifier failed: " + output);
            }
        }
        finally
        {
            Install.Release();
        }

        var input = string.Join('\n', webhooks.Select(w => JsonSerializer.Serialize(new { secret, id = w.Id, timestamp = w.Timestamp, signature = w.Signature, body = w.Body })));
        var (exit, result) = await RunAsync(Prerequisites.Require(Node), "verify.mjs", folder, input + "\n");
        Assert.True(exit == 0, "node verify.mjs failed: " + result);
        return [.. result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments, string folder, string? input)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
