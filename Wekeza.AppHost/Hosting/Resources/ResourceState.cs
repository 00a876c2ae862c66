namespace Wekeza.AppHost.Hosting.Resources;

public enum ResourceState
{
    /// <summary>Declared, waiting for what it depends on.</summary>
    Waiting,
    Starting,
    /// <summary>Started and its readiness check passed.</summary>
    Running,
    /// <summary>A one-shot resource (migrations) that ran to success.</summary>
    Finished,
    /// <summary>Exited or failed its readiness check.</summary>
    Failed,
    /// <summary>Never started because something it waits for failed.</summary>
    Blocked,
    Stopping,
    Stopped,
}
