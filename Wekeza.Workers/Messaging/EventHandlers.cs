namespace Wekeza.Workers.Messaging;

/// <summary>Handles one integration event type (payment processing, webhook fan-out… arrive with their issues).</summary>
public interface IEventHandler
{
    string EventType { get; }

    Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

public interface IEventHandlerRegistry
{
    IEventHandler? Find(string eventType);
}

internal sealed class EventHandlerRegistry(IEnumerable<IEventHandler> handlers) : IEventHandlerRegistry
{
    private readonly Dictionary<string, IEventHandler> _byType = handlers.ToDictionary(h => h.EventType, StringComparer.Ordinal);

    public IEventHandler? Find(string eventType) => _byType.GetValueOrDefault(eventType);
}
