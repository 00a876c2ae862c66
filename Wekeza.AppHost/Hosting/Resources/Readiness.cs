using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

internal static class Readiness
{
    /// <summary>
    /// Polls <paramref name="probe"/> until it says ready, failing fast with the log's tail if the process exits first.
    /// </summary>
    public static async Task WaitAsync(ManagedProcess process, Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (process.HasExited)
            {
                throw new ResourceFailedException($"exited with code {await process.Exited} before it was ready", process.Log);
            }

            try
            {
                if (await probe(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not ResourceFailedException && !cancellationToken.IsCancellationRequested)
            {
                // Not up yet: connection refused, reset, 503 and the like are all "try again".
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }
    }
}

/// <summary>A resource could not start; carries the end of its log so the reason is on screen, not only in a file.</summary>
public sealed class ResourceFailedException(string message, LogSink? log = null) : Exception(message)
{
    public string? LogTail { get; } = log?.Tail();

    public string? LogPath { get; } = log?.FilePath;
}
