using Wekeza.Banking.Consents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Wekeza.Api.Features.Consents;

/// <summary>The revocation every side (the app, the customer) performs, with one answer to a lost race.</summary>
internal static class ConsentChanges
{
    /// <summary>Revokes (204); revoking a consent that is already over is also 204 and changes nothing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Consent consent, string actor, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        var before = consent.Status;
        consent.Revoke(actor, clock.GetUtcNow(), context.Connection.RemoteIpAddress?.ToString());
        try
        {
            await store.SaveAsync(consent, before, context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConsentProblems.ChangedMeanwhile(consent.Id);
        }

        return TypedResults.NoContent();
    }
}
