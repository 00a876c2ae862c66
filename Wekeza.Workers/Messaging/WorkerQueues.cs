namespace Wekeza.Workers.Messaging;

internal static class WorkerQueues
{
    /// <summary>The workers' queue: consent events (the cache), the payment steps and the sandbox controls' payment outcomes.</summary>
    public const string Events = "workers.events";

    /// <summary>The events apps can receive, fanned out to their webhook endpoints: a queue of its own, so webhooks never slow payments.</summary>
    public const string Webhooks = "workers.webhooks";
}
