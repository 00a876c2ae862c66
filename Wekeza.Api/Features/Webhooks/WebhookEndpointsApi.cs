using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Webhooks;
using Wekeza.ServiceDefaults;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Webhooks;

/// <summary>
/// Webhook endpoints, their deliveries and the app's event log. Mapped twice with the same handlers: for the app
/// itself (<c>/v1/webhook-endpoints</c>, <c>/v1/events</c>) and for its developer (<c>/v1/apps/{clientId}/…</c>,
/// the portal). Either way an app sees only its own endpoints, deliveries and events: anything else is 404.
/// </summary>
internal static class WebhookEndpointsApi
{
    private const string DisabledByDeveloper = "Disabled by the developer.";

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder v1)
    {
        Map(v1.MapGroup("").AddEndpointFilter(AppOwner.AppFilter), "");
        Map(v1.MapGroup("/apps/{clientId}").RequireScope(ApiScopes.WebhooksManage).AddEndpointFilter(AppOwner.DeveloperFilter), "ForDeveloper");
        return v1;
    }

    private static void Map(RouteGroupBuilder group, string suffix)
    {
        var endpoints = group.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        endpoints.MapGet("/", ListAsync).WithName("ListWebhookEndpoints" + suffix).WithSummary("List the app's webhook endpoints");
        endpoints.MapPost("/", CreateAsync).WithName("CreateWebhookEndpoint" + suffix).WithSummary("Add a webhook endpoint (its signing secret is shown once)")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        endpoints.MapGet("/{endpointId}", GetAsync).WithName("GetWebhookEndpoint" + suffix).WithSummary("Read a webhook endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPatch("/{endpointId}", UpdateAsync).WithName("UpdateWebhookEndpoint" + suffix).WithSummary("Change an endpoint's URL, events, description, or enable/disable it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        endpoints.MapDelete("/{endpointId}", DeleteAsync).WithName("DeleteWebhookEndpoint" + suffix).WithSummary("Delete an endpoint and its deliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/{endpointId}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret" + suffix)
            .WithSummary("Replace the signing secret; the old one keeps signing during the overlap").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        endpoints.MapPost("/{endpointId}/test", TestAsync).WithName("SendWebhookTest" + suffix).WithSummary("Send a webhook.test event to this endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/{endpointId}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries" + suffix)
            .WithSummary("An endpoint's deliveries, newest first").ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/{endpointId}/deliveries/{deliveryId}", GetDeliveryAsync).WithName("GetWebhookDelivery" + suffix)
            .WithSummary("A delivery with its attempts and payload").ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/{endpointId}/deliveries/{deliveryId}/resend", ResendAsync).WithName("ResendWebhookDelivery" + suffix)
            .WithSummary("Send a delivery again (same webhook-id)").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/webhook-event-types", ListEventTypes).WithTags("Webhooks").WithName("ListWebhookEventTypes" + suffix)
            .WithSummary("The event types an endpoint can subscribe to");

        var events = group.MapGroup("/events").WithTags("Events");
        events.MapGet("/", WebhookEventsApi.ListAsync).WithName("ListEvents" + suffix).WithSummary("The app's events, oldest first, after a cursor")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        events.MapGet("/{eventId}", WebhookEventsApi.GetAsync).WithName("GetEvent" + suffix).WithSummary("One event")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<ListResponse<WebhookEventTypeResponse>> ListEventTypes(HttpContext context) =>
        TypedResults.Ok(new ListResponse<WebhookEventTypeResponse>([.. WebhookEventTypes.Catalog.Select(e => new WebhookEventTypeResponse(e.Type, e.Description))],
            new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));

    private static async Task<Ok<ListResponse<WebhookEndpointResponse>>> ListAsync(BankDbContext db, IOptions<WebhookPolicy> policy, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var now = clock.GetUtcNow();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.ClientId == owner.ClientId).OrderBy(e => e.CreatedAt).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(new ListResponse<WebhookEndpointResponse>([.. endpoints.Select(e => WebhookEndpointResponse.From(e, policy.Value, now))],
            new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));
    }

    private static async Task<Results<Created<WebhookEndpointSecretResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookEndpointRequest? request, BankDbContext db, WebhookSecretProtector protector, HostResolver resolver,
        IOptions<WebhookPolicy> policy, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors[""] = ["Send a JSON body with url and eventTypes (and optionally description, enabled)."];
            return ValidationProblems.Result(errors, "The webhook endpoint could not be created");
        }

        await WebhookRules.CheckUrlAsync(request.Url, owner.IsSandbox, resolver, errors, context.RequestAborted);
        var eventTypes = WebhookRules.CheckEventTypes(request.EventTypes, errors);
        WebhookRules.CheckDescription(request.Description, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.Result(errors, "The webhook endpoint could not be created");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSecretProtector.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Id = WebhookEndpoint.NewId(now),
            ClientId = owner.ClientId,
            Url = request.Url!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = eventTypes!,
            SecretCiphertext = protector.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (request.Enabled is false)
        {
            endpoint.Disable(DisabledByDeveloper, now);
        }

        // One app adding endpoints from two places at once still stops at the limit: the count and the insert
        // happen under a lock on the app.
        var full = await db.InTransactionAsync(async cancellationToken =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"webhook-endpoints:" + owner.ClientId}))", cancellationToken);
            if (await db.WebhookEndpoints.CountAsync(e => e.ClientId == owner.ClientId, cancellationToken) >= WebhookEndpoint.MaxPerApp)
            {
                return true;
            }

            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }, context.RequestAborted);
        if (full)
        {
            return ProblemCatalog.WebhookEndpointLimit.Result($"An app can have at most {WebhookEndpoint.MaxPerApp} webhook endpoints. Delete one you no longer use, or subscribe an existing one to more event types.");
        }

        return TypedResults.Created($"{context.Request.Path.Value!.TrimEnd('/')}/{endpoint.Id}",
            new WebhookEndpointSecretResponse(WebhookEndpointResponse.From(endpoint, policy.Value, now), secret));
    }

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> GetAsync(
        string endpointId, BankDbContext db, IOptions<WebhookPolicy> policy, TimeProvider clock, HttpContext context) =>
        await FindOwnAsync(endpointId, db, context) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint, policy.Value, clock.GetUtcNow()))
            : EndpointNotFound(endpointId);

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> UpdateAsync(
        string endpointId, UpdateWebhookEndpointRequest? request, BankDbContext db, HostResolver resolver, IOptions<WebhookPolicy> policy,
        TimeProvider clock, HttpContext context)
    {
        if (await FindOwnAsync(endpointId, db, context) is not { } endpoint)
        {
            return EndpointNotFound(endpointId);
        }

        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors[""] = ["Send a JSON body with any of url, eventTypes, description, enabled."];
            return ValidationProblems.Result(errors, "The webhook endpoint could not be changed");
        }

        if (request.Url is not null)
        {
            await WebhookRules.CheckUrlAsync(request.Url, AppOwner.Of(context).IsSandbox, resolver, errors, context.RequestAborted);
        }

        var eventTypes = request.EventTypes is null ? null : WebhookRules.CheckEventTypes(request.EventTypes, errors);
        WebhookRules.CheckDescription(request.Description, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.Result(errors, "The webhook endpoint could not be changed");
        }

        var now = clock.GetUtcNow();
        endpoint.Url = request.Url?.Trim() ?? endpoint.Url;
        endpoint.EventTypes = eventTypes ?? endpoint.EventTypes;
        if (request.Description is not null)
        {
            endpoint.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        }

        if (request.Enabled is true && !endpoint.Enabled)
        {
            endpoint.Enable(now);
        }
        else if (request.Enabled is false && endpoint.Enabled)
        {
            endpoint.Disable(DisabledByDeveloper, now);
        }

        endpoint.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedMeanwhile(endpointId);
        }

        return TypedResults.Ok(WebhookEndpointResponse.From(endpoint, policy.Value, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string endpointId, BankDbContext db, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.ClientId == owner.ClientId).ExecuteDeleteAsync(context.RequestAborted);
        return deleted == 0 ? EndpointNotFound(endpointId) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookEndpointSecretResponse>, ProblemHttpResult>> RotateAsync(
        string endpointId, RotateWebhookSecretRequest? request, BankDbContext db, WebhookSecretProtector protector, IOptions<WebhookPolicy> policy,
        TimeProvider clock, HttpContext context)
    {
        if (await FindOwnAsync(endpointId, db, context) is not { } endpoint)
        {
            return EndpointNotFound(endpointId);
        }

        var errors = new Dictionary<string, string[]>();
        if (WebhookRules.CheckOverlap(request?.OverlapHours, errors) is not { } overlap)
        {
            return ValidationProblems.Result(errors, "The secret was not rotated");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSecretProtector.NewSecret();
        endpoint.Rotate(protector.Protect(secret), overlap, now);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedMeanwhile(endpointId);
        }

        return TypedResults.Ok(new WebhookEndpointSecretResponse(WebhookEndpointResponse.From(endpoint, policy.Value, now), secret));
    }

    /// <summary>
    /// A <c>webhook.test</c> event for this endpoint alone, written with its delivery so the workers pick it up at
    /// once (the insert notifies them). Not a state change of the bank's, so it does not pass through the outbox.
    /// </summary>
    private static async Task<Results<Accepted<WebhookTestResponse>, ProblemHttpResult>> TestAsync(
        string endpointId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (await FindOwnAsync(endpointId, db, context) is not { } endpoint)
        {
            return EndpointNotFound(endpointId);
        }

        if (!endpoint.Enabled)
        {
            return ProblemCatalog.WebhookEndpointDisabled.Result("A disabled endpoint receives nothing, test events included. Enable it (PATCH enabled: true) and send the test again.");
        }

        var now = clock.GetUtcNow();
        var eventId = WebhookEvent.NewId(now);
        var payload = WebhookEnvelope.Write(eventId, WebhookEventTypes.Test, now, endpoint.Id, null,
            new { endpointId = endpoint.Id, message = "A test event from Wekeza. If you can read this, your endpoint receives and can verify webhooks." });
        db.WebhookEvents.Add(new WebhookEvent
        {
            Id = eventId, ClientId = endpoint.ClientId, Type = WebhookEventTypes.Test, Subject = endpoint.Id, Payload = payload, OccurredAt = now,
        });
        var delivery = new WebhookDelivery
        {
            Id = WebhookDelivery.NewId(now), EventId = eventId, EndpointId = endpoint.Id, ClientId = endpoint.ClientId,
            EventType = WebhookEventTypes.Test, NextAttemptAt = now, CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Accepted($"{EndpointPath(context, endpointId)}/deliveries/{delivery.Id}", new WebhookTestResponse(eventId, delivery.Id));
    }

    private static async Task<Results<Ok<ListResponse<WebhookDeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        string endpointId, string? status, string? cursor, int? limit, BankDbContext db, HttpContext context)
    {
        if (await FindOwnAsync(endpointId, db, context) is null)
        {
            return EndpointNotFound(endpointId);
        }

        var errors = new Dictionary<string, string[]>();
        if (status is not null and not (WebhookDeliveryStatuses.Pending or WebhookDeliveryStatuses.Succeeded or WebhookDeliveryStatuses.Failed))
        {
            errors["status"] = ["Filter by Pending, Succeeded or Failed."];
        }

        var size = CheckLimit(limit, errors);
        if (errors.Count > 0)
        {
            return ValidationProblems.Result(errors, "The deliveries could not be listed");
        }

        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        query = status is null ? query : query.Where(d => d.Status == status);
        query = string.IsNullOrEmpty(cursor) ? query : query.Where(d => string.Compare(d.Id, cursor) < 0);
        var page = await query.OrderByDescending(d => d.Id).Take(size + 1).ToListAsync(context.RequestAborted);
        var next = page.Count > size ? PageLink(context, "cursor", page[size - 1].Id) : null;
        return TypedResults.Ok(new ListResponse<WebhookDeliveryResponse>([.. page.Take(size).Select(d => WebhookDeliveryResponse.From(d))],
            new ListLinks(context.Request.GetEncodedUrl(), next), new ListMeta(TotalPages: null)));
    }

    private static async Task<Results<Ok<WebhookDeliveryResponse>, ProblemHttpResult>> GetDeliveryAsync(
        string endpointId, string deliveryId, BankDbContext db, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.ClientId == owner.ClientId, context.RequestAborted);
        if (delivery is null)
        {
            return DeliveryNotFound(deliveryId);
        }

        var webhookEvent = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, context.RequestAborted);
        return TypedResults.Ok(WebhookDeliveryResponse.From(delivery, webhookEvent));
    }

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> ResendAsync(
        string endpointId, string deliveryId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.ClientId == owner.ClientId,
            context.RequestAborted);
        if (delivery is null)
        {
            return DeliveryNotFound(deliveryId);
        }

        var now = clock.GetUtcNow();
        if (delivery.LeaseUntil > now)
        {
            return ProblemCatalog.WebhookDeliveryInProgress.Result("Wait for this attempt to finish (at most the delivery timeout), then resend if it failed.");
        }

        if (await db.WebhookEndpoints.AsNoTracking().AnyAsync(e => e.Id == endpointId && !e.Enabled, context.RequestAborted))
        {
            return ProblemCatalog.WebhookEndpointDisabled.Result("A disabled endpoint receives nothing. Enable it (PATCH enabled: true), then resend.");
        }

        delivery.Resend(now);
        await db.InTransactionAsync(async cancellationToken =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify('wekeza_webhooks', '')", cancellationToken);
        }, context.RequestAborted);
        return TypedResults.Accepted($"{EndpointPath(context, endpointId)}/deliveries/{delivery.Id}", WebhookDeliveryResponse.From(delivery));
    }

    internal static int CheckLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > 100)
        {
            errors["limit"] = ["Ask for 1 to 100 items per page."];
        }

        return limit ?? 50;
    }

    internal static string PageLink(HttpContext context, string name, string value)
    {
        var query = QueryString.Create(context.Request.Query
            .Where(pair => pair.Key != name)
            .SelectMany(pair => pair.Value.Select(v => new KeyValuePair<string, string?>(pair.Key, v)))
            .Append(new KeyValuePair<string, string?>(name, value)));
        return UriHelper.BuildAbsolute(context.Request.Scheme, context.Request.Host, context.Request.PathBase, context.Request.Path, query);
    }

    private static string EndpointPath(HttpContext context, string endpointId)
    {
        var path = context.Request.Path.Value!;
        return path[..(path.IndexOf(endpointId, StringComparison.Ordinal) + endpointId.Length)];
    }

    private static Task<WebhookEndpoint?> FindOwnAsync(string endpointId, BankDbContext db, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        return db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.ClientId == owner.ClientId, context.RequestAborted);
    }

    private static ProblemHttpResult EndpointNotFound(string endpointId) => ProblemCatalog.WebhookEndpointNotFound.Result($"Your app has no webhook endpoint with id '{endpointId}'.");

    private static ProblemHttpResult DeliveryNotFound(string deliveryId) => ProblemCatalog.WebhookDeliveryNotFound.Result($"This endpoint has no delivery with id '{deliveryId}'.");

    private static ProblemHttpResult ChangedMeanwhile(string endpointId) => ProblemCatalog.WebhookEndpointChanged.Result($"Endpoint '{endpointId}' was changed by another request at the same time. Read it again and retry.");
}
