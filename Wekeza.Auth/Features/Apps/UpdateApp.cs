using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.ServiceDefaults;

namespace Wekeza.Auth.Features.Apps;

internal static class UpdateApp
{
    /// <summary>A partial update: what is sent changes, what is left out stays.</summary>
    public sealed record Request(string? Name, string? Description, IReadOnlyList<string>? RedirectUris);

    public static async Task<Results<Ok<AppResponse>, ProblemHttpResult>> HandleAsync(
        string id, Request? request, AuthDbContext db, AppClients clients, TimeProvider clock, HttpContext context)
    {
        if (await AppsApi.FindOwnAsync(db, context, id) is not { } registration)
        {
            return AppsApi.NotFound(id);
        }

        var errors = new Dictionary<string, string[]>();
        if (request is null || request is { Name: null, Description: null, RedirectUris: null })
        {
            errors[""] = ["Send at least one of name, description or redirectUris."];
            return AppsApi.Invalid(errors, "Nothing to update");
        }

        if (request.Name is not null)
        {
            AppRules.CheckName(request.Name, errors);
        }

        AppRules.CheckDescription(request.Description, errors);
        if (request.RedirectUris is not null)
        {
            AppRules.CheckRedirectUris(request.RedirectUris, registration.Environment, errors);
        }

        if (errors.Count > 0)
        {
            return AppsApi.Invalid(errors, "The app could not be updated");
        }

        try
        {
            await SaveAsync(registration, request, db, clients, clock, context.RequestAborted);
        }
        catch (Exception exception) when (exception is OpenIddictExceptions.ConcurrencyException or DbUpdateConcurrencyException)
        {
            // Two updates of the same app at once (OpenIddict's client has a concurrency token): the other one won,
            // nothing of this one was saved.
            return ProblemCatalog.Conflict.Result("Someone else changed this app at the same moment; nothing was saved. Read it again, then send your change.");
        }

        return TypedResults.Ok(await clients.DescribeAsync(registration, context.RequestAborted));
    }

    private static Task SaveAsync(AppRegistration registration, Request request, AuthDbContext db, AppClients clients, TimeProvider clock, CancellationToken cancellation) =>
        db.InTransactionAsync(async cancellationToken =>
        {
            var (client, descriptor) = await clients.LoadAsync(registration.ClientId, cancellationToken);
            if (request.Name is not null)
            {
                registration.Name = request.Name.Trim();
                descriptor.DisplayName = registration.Name;
            }

            if (request.Description is not null)
            {
                registration.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
            }

            if (request.RedirectUris is not null)
            {
                descriptor.RedirectUris.Clear();
                foreach (var uri in request.RedirectUris)
                {
                    descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
                }
            }

            await clients.UpdateAsync(client, descriptor, cancellationToken);
            registration.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }, cancellation);
}
