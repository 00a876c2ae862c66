using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

/// <summary>
/// The sandbox API as the components see it: the seeded test customers and a clock, happy answers unless a test sets
/// one of the <c>On…</c> answers, and every call recorded.
/// </summary>
public sealed class FakeSandboxClient : ISandboxClient
{
    public const string ClientId = "sbx_3f9c";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public List<SandboxCustomer> Customers { get; } =
    [
        new("amina", "Amina Wanjiru", "amina.wanjiru@sandbox.wekeza.test", "salaried", "Sandbox-Customer-2026",
        [
            new("acc_000101", "010000010001", "Everyday account", "current", "KES", "98250.00", "active"),
            new("acc_000102", "010000010002", "Savings", "savings", "KES", "150000.00", "active"),
        ]),
        new("joseph", "Joseph Mwangi", "joseph.mwangi@sandbox.wekeza.test", "dormant", "Sandbox-Customer-2026",
        [
            new("acc_000601", "010000060001", "Old account", "current", "KES", "12.50", "dormant"),
        ]),
    ];

    public SandboxClock Clock { get; set; } = new(Now, 0);

    public SandboxClockEffects Effects { get; set; } = new(1, 0, 2);

    public Func<ApiResult<IReadOnlyList<SandboxCustomer>>>? OnCustomers { get; set; }

    public Func<ApiResult<SandboxClock>>? OnClock { get; set; }

    public Func<long, ApiResult<SandboxClockAdvanced>>? OnAdvance { get; set; }

    public Func<string, IncomingTransactionRequest, ApiResult<IncomingTransaction>>? OnIncoming { get; set; }

    public Func<FireWebhookRequest, ApiResult<FiredWebhookEvent>>? OnFire { get; set; }

    public Func<string, PaymentOutcomeRequest, ApiResult<PaymentOutcomeRequested>>? OnOutcome { get; set; }

    public Func<string, ApiResult<ExpiredConsent>>? OnExpire { get; set; }

    public Func<ApiResult<SandboxResetDone>>? OnReset { get; set; }

    /// <summary>Every call, as "Method clientId …", so a test can check the app and the order.</summary>
    public List<string> Calls { get; } = [];

    public List<long> AdvanceCalls { get; } = [];

    public List<(string AccountId, IncomingTransactionRequest Request)> IncomingCalls { get; } = [];

    public List<FireWebhookRequest> FireCalls { get; } = [];

    public List<(string PaymentId, PaymentOutcomeRequest Request)> OutcomeCalls { get; } = [];

    public List<string> ExpireCalls { get; } = [];

    public static SandboxRefused<T> Refused<T>(string code, string message, params string[] paymentIds) => new(code, message, paymentIds);

    public static ApiResult<T>.Invalid Invalid<T>(string field, string message) =>
        new(new FieldErrors(new Dictionary<string, string[]> { [field] = [message] }));

    public Task<ApiResult<IReadOnlyList<SandboxCustomer>>> ListCustomersAsync(string clientId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Customers {clientId}");
        return Answer(OnCustomers?.Invoke() ?? new ApiResult<IReadOnlyList<SandboxCustomer>>.Success([.. Customers]));
    }

    public Task<ApiResult<SandboxClock>> GetClockAsync(string clientId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Clock {clientId}");
        return Answer(OnClock?.Invoke() ?? new ApiResult<SandboxClock>.Success(Clock));
    }

    public Task<ApiResult<SandboxClockAdvanced>> AdvanceClockAsync(string clientId, long seconds, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Advance {clientId} {seconds}");
        AdvanceCalls.Add(seconds);
        if (OnAdvance is not null)
        {
            return Answer(OnAdvance(seconds));
        }

        Clock = new SandboxClock(Clock.Now.AddSeconds(seconds), Clock.OffsetSeconds + seconds);
        return Answer<SandboxClockAdvanced>(new ApiResult<SandboxClockAdvanced>.Success(new(Clock.Now, Clock.OffsetSeconds, Effects)));
    }

    public Task<ApiResult<IncomingTransaction>> CreateIncomingTransactionAsync(
        string clientId, string accountId, IncomingTransactionRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Incoming {clientId} {accountId}");
        IncomingCalls.Add((accountId, request));
        return Answer(OnIncoming?.Invoke(accountId, request) ?? new ApiResult<IncomingTransaction>.Success(new(
            123, "txn_456", accountId, request.Amount, "KES", Now, "99750.00", $"Incoming transfer from {request.PayerName ?? "Sandbox Payer"}")));
    }

    public Task<ApiResult<FiredWebhookEvent>> FireWebhookAsync(string clientId, FireWebhookRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Fire {clientId}");
        FireCalls.Add(request);
        return Answer(OnFire?.Invoke(request) ?? new ApiResult<FiredWebhookEvent>.Success(new("evt_01abc", request.Type, 1)));
    }

    public Task<ApiResult<PaymentOutcomeRequested>> SetPaymentOutcomeAsync(
        string clientId, string paymentId, PaymentOutcomeRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Outcome {clientId} {paymentId}");
        OutcomeCalls.Add((paymentId, request));
        return Answer(OnOutcome?.Invoke(paymentId, request)
            ?? new ApiResult<PaymentOutcomeRequested>.Success(new(paymentId, "AcceptedSettlementInProcess", request.Status)));
    }

    public Task<ApiResult<ExpiredConsent>> ExpireConsentAsync(string clientId, string consentId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Expire {clientId} {consentId}");
        ExpireCalls.Add(consentId);
        return Answer(OnExpire?.Invoke(consentId) ?? new ApiResult<ExpiredConsent>.Success(new(consentId, "Expired")));
    }

    public Task<ApiResult<SandboxResetDone>> ResetAsync(string clientId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Reset {clientId}");
        if (OnReset is not null)
        {
            return Answer(OnReset());
        }

        Clock = new SandboxClock(Now, 0);
        return Answer<SandboxResetDone>(new ApiResult<SandboxResetDone>.Success(new(3, 2, 1, true)));
    }

    private static Task<ApiResult<T>> Answer<T>(ApiResult<T> result) => Task.FromResult(result);
}
