using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Apps;

/// <summary>An app and the person who owns it (null when their account is gone).</summary>
public sealed record AppWithOwner(AppRegistration App, WekezaUser? Owner);

/// <summary>Finds the app behind a client id, and its owner: who to tell about something that happened to it.</summary>
public interface IAppOwners
{
    /// <returns>Null when no app has this client id (it was deleted).</returns>
    Task<AppWithOwner?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken);
}

internal sealed class AppOwners(AuthDbContext db) : IAppOwners
{
    public async Task<AppWithOwner?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        var app = await db.Apps.AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (app is null)
        {
            return null;
        }

        var owner = await db.Users.AsNoTracking().SingleOrDefaultAsync(user => user.Id == app.OwnerId, cancellationToken);
        return new AppWithOwner(app, owner);
    }
}
