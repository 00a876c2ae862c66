namespace Wekeza.Workers.Messaging;

internal static class WorkerQueues
{
    /// <summary>The workers' queue: consent events (the cache) and the payment steps.</summary>
    public const string Events = "workers.events";
}
