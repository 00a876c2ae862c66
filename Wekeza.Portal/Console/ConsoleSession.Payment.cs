using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wekeza.Portal.Console;

public sealed partial class ConsoleSession
{
    /// <summary>
    /// "Make a test payment", the whole journey as an app makes it: a payment consent with the app token, the headless
    /// authorisation as the payer (from the chosen account), the code redeemed for the payer's token, the payment
    /// submitted with it and an Idempotency-Key, then its status followed with the app token until it is final.
    /// <paramref name="progress"/> is called after each step, to show it.
    /// </summary>
    public Task PayAsync(TestPaymentForm form, Func<Task> progress) => GuardAsync("make the test payment", async cancellationToken =>
    {
        var payer = Customers.FirstOrDefault(candidate => candidate.Handle == form.Payer);
        if (payer is null || App is null)
        {
            return "Choose who pays.";
        }

        var run = new TestPaymentRun(payer) { IsRunning = true };
        Payment = run;
        try
        {
            run.Problem = await PayAsync(run, form, progress, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnexpected(exception, "make the test payment");
            run.Problem = "Something went wrong in the console while paying. Try again.";
        }
        finally
        {
            run.IsRunning = false;
        }

        return run.Problem;
    });

    private async Task<string?> PayAsync(TestPaymentRun run, TestPaymentForm form, Func<Task> progress, CancellationToken cancellationToken)
    {
        if (!Scopes.Contains(ApiScopes.PaymentsWrite))
        {
            return $"This app was not granted {ApiScopes.PaymentsWrite}, so it cannot make payments. Create an app with it to try payments.";
        }

        var (appToken, problem) = await AppTokenAsync(cancellationToken);
        if (appToken is null)
        {
            return problem;
        }

        var initiation = form.Initiation();
        run.Initiation = initiation;
        var consentBody = new JsonObject { ["initiation"] = initiation.DeepClone() };
        var created = await ApiStepAsync(run.Steps, "Create a payment consent",
            new ConsoleRequest("POST", "/v1/payment-consents", [], ConsoleJson.Compact(consentBody), TokenKind.App), appToken, "TOKEN",
            "create the payment consent", cancellationToken);
        await progress();
        if (!created.IsSuccess || created.Member("consentId") is not { } consentId)
        {
            return run.Steps[^1].Outcome;
        }

        run.ConsentId = consentId;
        Outcome(run.Steps, $"Payment consent {consentId}: {created.Member("status")}.");

        // The payer picks the account at the bank; sandbox_accounts picks it for them (or auth takes their first in the currency).
        var authorization = HeadlessAuthorization.Create(App!.ClientId, RedirectUri!, [OpenIdScope, ApiScopes.PaymentsWrite], consentId,
            run.Payer.Handle, allow: true, form.DebtorAccountId.Length > 0 ? [form.DebtorAccountId] : null);
        var outcome = await AuthorizeStepAsync(run.Steps, authorization, run.Payer.Name, cancellationToken);
        await progress();
        if (outcome is not AuthorizationOutcome.Code code)
        {
            return run.Steps[^1].Outcome;
        }

        if (await RedeemStepAsync(run.Steps, code.Value, authorization, cancellationToken) is not { } tokens)
        {
            return run.Steps[^1].Outcome;
        }

        run.Tokens = tokens;
        await progress();

        run.IdempotencyKey = Guid.NewGuid().ToString();
        var payment = new JsonObject { ["consentId"] = consentId, ["initiation"] = initiation.DeepClone() };
        var submitted = await ApiStepAsync(run.Steps, "Submit the payment",
            new ConsoleRequest("POST", "/v1/payments", [new ConsoleHeader(RequestDraft.IdempotencyKeyHeader, run.IdempotencyKey)],
                ConsoleJson.Compact(payment), TokenKind.PaymentCustomer),
            tokens.AccessToken, "CUSTOMER_TOKEN", "submit the payment", cancellationToken);
        await progress();
        if (!submitted.IsSuccess || submitted.Member("paymentId") is not { } paymentId)
        {
            return run.Steps[^1].Outcome;
        }

        run.PaymentId = paymentId;
        Outcome(run.Steps, $"Payment {paymentId} accepted: {submitted.Member("status")}.");
        return await FollowAsync(run, progress, cancellationToken);
    }

    /// <summary>The status, with the app token (the payer's lives 5 minutes), every <see cref="PollInterval"/> until final.</summary>
    private async Task<string?> FollowAsync(TestPaymentRun run, Func<Task> progress, CancellationToken cancellationToken)
    {
        var request = new ConsoleRequest("GET", $"/v1/payments/{Uri.EscapeDataString(run.PaymentId!)}/status", [], null, TokenKind.App);
        for (var poll = 1; poll <= MaxPolls; poll++)
        {
            if (poll > 1)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }

            var (appToken, problem) = await AppTokenAsync(cancellationToken);
            if (appToken is null)
            {
                return problem;
            }

            var response = await api.SendAsync(request, appToken, cancellationToken);
            var step = new ConsoleStep("Follow the status", $"GET {request.PathAndQuery}", response, response.IsSuccess,
                response.IsSuccess ? response.Status : ConsoleWords.ApiRefused("read the payment's status", response),
                CurlCommand.ForApi(request));
            // One row, asked again and again: it shows the latest answer and how many times it was asked.
            if (poll > 1)
            {
                run.Steps[^1] = step;
            }
            else
            {
                run.Steps.Add(step);
            }

            if (!response.IsSuccess || response.Json() is not { ValueKind: JsonValueKind.Object } status
                || ConsoleJson.String(status, "status") is not { } current)
            {
                await progress();
                return response.IsSuccess ? "The payment's status could not be read." : step.Outcome;
            }

            if (run.Latest?.Status != current)
            {
                run.Statuses.Add(new PaymentStatusSeen(current, clock.GetUtcNow(), ConsoleJson.String(status, "reasonCode"),
                    ConsoleJson.String(status, "reason")));
            }

            var isFinal = status.TryGetProperty("isFinal", out var final) && final.ValueKind == JsonValueKind.True;
            Outcome(run.Steps, string.Create(CultureInfo.InvariantCulture,
                $"{current}{(isFinal ? " (final)" : "")}, asked {poll} time{(poll == 1 ? "" : "s")}."));
            await progress();
            if (isFinal)
            {
                run.FinalStatus = current;
                return null;
            }
        }

        return $"The payment is still {run.Latest?.Status} after {MaxPolls} checks; follow it with GET /v1/payments/{run.PaymentId}/status.";
    }
}
