using Microsoft.AspNetCore.Identity;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Email;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// Who hears about each step, sent after the step has committed: a mail server that is down must not undo an
/// approval, so a failure to send is logged, not thrown (the portal shows the state either way).
/// </summary>
public sealed class GoLiveNotices(GoLiveEmails emails, UserManager<WekezaUser> users, ILogger<GoLiveNotices> logger)
{
    public async Task SubmittedAsync(Apps.AppRegistration app, ProductionRequestResponse request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(app.OwnerId) is { Email: not null } developer)
        {
            await TryAsync(() => emails.SendReceiptAsync(developer, request, cancellationToken), request.Id);
        }

        foreach (var admin in await users.GetUsersInRoleAsync(Roles.Admin))
        {
            if (admin.Email is not null && admin.Id != app.OwnerId)
            {
                await TryAsync(() => emails.SendReviewNeededAsync(admin, request, cancellationToken), request.Id);
            }
        }
    }

    public async Task DecidedAsync(ProductionRequestResponse request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.OwnerId) is not { Email: not null } developer)
        {
            return;
        }

        await TryAsync(() => request.State == ProductionRequestStates.Approved
            ? emails.SendApprovedAsync(developer, request, cancellationToken)
            : emails.SendRejectedAsync(developer, request, cancellationToken), request.Id);
    }

    private async Task TryAsync(Func<Task> send, string requestId)
    {
        try
        {
            await send();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "A going-live email for production request {RequestId} could not be sent", requestId);
        }
    }
}
