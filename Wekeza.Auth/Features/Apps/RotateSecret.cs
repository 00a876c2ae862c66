using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Apps;

internal static class RotateSecret
{
    /// <summary>
    /// A new secret, shown in this response only; the old one stops working at once (every replica reads the client
    /// from authdb on each authentication). Tokens already issued stay valid until they expire.
    /// </summary>
    public static async Task<Results<Ok<SecretRotatedResponse>, ProblemHttpResult>> HandleAsync(
        string id, AuthDbContext db, AppClients clients, TimeProvider clock, HttpContext context, ILoggerFactory loggers)
    {
        if (await AppsApi.FindOwnAsync(db, context, id) is not { } registration)
        {
            return AppsApi.NotFound(id);
        }

        var secret = ClientSecrets.NewSecret(registration.Environment == AppEnvironments.Production ? "live" : "sbx");
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async cancellationToken =>
        {
            var (client, descriptor) = await clients.LoadAsync(registration.ClientId, cancellationToken);
            // A plain secret in the descriptor: the application manager hashes it on the way to the store.
            descriptor.ClientSecret = secret;
            await clients.UpdateAsync(client, descriptor, cancellationToken);
            registration.SecretRotatedAt = now;
            registration.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }, context.RequestAborted);

        loggers.CreateLogger(typeof(RotateSecret)).LogInformation("Secret of app {AppId} rotated", registration.Id);
        return TypedResults.Ok(new SecretRotatedResponse(registration.ClientId, secret, now));
    }
}
