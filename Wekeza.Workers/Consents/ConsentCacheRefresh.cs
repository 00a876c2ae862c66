using System.Text.Json;
using Wekeza.Consents;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Workers.Consents;

/// <summary>
/// Writes each consent event's snapshot to the API's shared consent cache. The API writes it itself right after each
/// change; this is the guarantee behind that write (the event is committed with the change, through the outbox), so a
/// revocation reaches every API replica even if the API lost its connection to Redis at the wrong moment. The cache
/// never steps back, so a late or repeated event is harmless.
/// </summary>
internal sealed class ConsentCacheRefresh(string eventType, ConsentSnapshotCache cache) : IEventHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var snapshot = JsonSerializer.Deserialize<ConsentSnapshot>(body.Span, JsonSerializerOptions.Web)
            ?? throw new JsonException("A consent event without a consent.");
        await cache.AdvanceAsync(snapshot);
    }

    public static IServiceCollection AddConsentCacheRefresh(IServiceCollection services)
    {
        services.AddSingleton<ConsentSnapshotCache>();
        foreach (var type in ConsentEvents.All)
        {
            services.AddSingleton<IEventHandler>(sp => new ConsentCacheRefresh(type, sp.GetRequiredService<ConsentSnapshotCache>()));
        }

        return services;
    }
}
