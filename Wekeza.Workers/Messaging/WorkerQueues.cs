namespace Wekeza.Workers.Messaging;

internal static class WorkerQueues
{
    /// <summary>The workers' queue: bound to every event type.</summary>
    public const string Events = "workers.events";
}
