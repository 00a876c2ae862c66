using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.CoreBanking;
using Wekeza.ServiceDefaults;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Webhooks;

/// <summary>
/// <c>GET /v1/events</c>: the app's event log, as OBIE's event polling offers it. Oldest first after a cursor, so an
/// app that missed deliveries (its endpoint was down, or it has none) reads on from the last event it handled. The
/// order is commit order (each event's position in its app's log), so reading on from a cursor never skips an event
/// that was still being written when the previous page was read.
/// </summary>
internal static class WebhookEventsApi
{
    public static async Task<Results<Ok<ListResponse<JsonElement>>, ProblemHttpResult>> ListAsync(
        string? type, string? subject, string? after, int? limit, BankDbContext db, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var errors = new Dictionary<string, string[]>();
        if (type is not null && !WebhookEventTypes.IsPublic(type) && type != WebhookEventTypes.Test)
        {
            errors["type"] = [$"'{type}' is not an event type. Known types: {string.Join(", ", WebhookEventTypes.All)}, {WebhookEventTypes.Test}."];
        }

        var size = WebhookEndpointsApi.CheckLimit(limit, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.Result(errors, "The events could not be listed");
        }

        var query = db.WebhookEvents.AsNoTracking().Where(e => e.ClientId == owner.ClientId);
        query = type is null ? query : query.Where(e => e.Type == type);
        query = subject is null ? query : query.Where(e => e.Subject == subject);
        if (!string.IsNullOrEmpty(after))
        {
            // The cursor is an event id; the log is in commit order (positions), so page on the cursor's position.
            var from = await db.WebhookEvents.AsNoTracking().Where(e => e.Id == after && e.ClientId == owner.ClientId).Select(e => (long?)e.Position)
                .SingleOrDefaultAsync(context.RequestAborted);
            if (from is null)
            {
                errors["after"] = [$"Your app has no event '{after}' (events are kept 30 days): start from the oldest without after=."];
                return ValidationProblems.Result(errors, "The events could not be listed");
            }

            query = query.Where(e => e.Position > from);
        }

        var page = await query.OrderBy(e => e.Position).Take(size + 1).Select(e => new { e.Id, e.Payload }).ToListAsync(context.RequestAborted);
        var next = page.Count > size ? WebhookEndpointsApi.PageLink(context, "after", page[size - 1].Id) : null;
        return TypedResults.Ok(new ListResponse<JsonElement>([.. page.Take(size).Select(e => JsonDocument.Parse(e.Payload).RootElement.Clone())],
            new ListLinks(context.Request.GetEncodedUrl(), next), new ListMeta(TotalPages: null)));
    }

    public static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(string eventId, BankDbContext db, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var payload = await db.WebhookEvents.AsNoTracking().Where(e => e.Id == eventId && e.ClientId == owner.ClientId).Select(e => e.Payload)
            .SingleOrDefaultAsync(context.RequestAborted);
        return payload is null
            ? ProblemCatalog.EventNotFound.Result($"Your app has no event with id '{eventId}' (events are kept 30 days).")
            : TypedResults.Ok(JsonDocument.Parse(payload).RootElement.Clone());
    }
}
