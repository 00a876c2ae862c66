using Wekeza.Consents;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Tests.Consents;

/// <summary>The bank API's consent endpoints as the pages see them: answers set by the test, calls recorded.</summary>
public sealed class FakeConsentsClient : IConsentsClient
{
    public static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The signed-in customer's consents (and what the admin detail finds).</summary>
    public List<Consent> Consents { get; } = [];

    public IReadOnlyList<Consent> LookUpResults { get; set; } = [];

    /// <summary>When set, every call fails with this message.</summary>
    public string? Failure { get; set; }

    /// <summary>When set, revoking fails with this message (reading still works).</summary>
    public string? RevokeFailure { get; set; }

    public List<string> RevokeCalls { get; } = [];

    public List<ConsentLookup> LookUpCalls { get; } = [];

    public List<string> GetAnyCalls { get; } = [];

    public static Consent Consent(
        string id = "cns_0001", string? appName = "Budget Buddy", string status = ConsentStatuses.Authorised,
        IReadOnlyList<ConsentEvent>? events = null) =>
        new(id, "app_abc", appName, "00000000-0000-0000-0000-000000000001", status,
            ["ReadAccounts", "ReadBalances", "ReadTransactions"], new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null,
            [new SharedAccount("acc_000101", "Everyday account", "KES", "•••• 0101")], Created, Created.AddMinutes(5), events);

    public static ConsentEvent Event(string type, int minutesAfterCreation, string actor, string? address = null) =>
        new(type, Created.AddMinutes(minutesAfterCreation), actor, address, null);

    public Task<ApiResult<IReadOnlyList<Consent>>> ListMineAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<Consent>>([.. Consents]);

    public Task<ApiResult<Consent>> GetMineAsync(string consentId, CancellationToken cancellationToken = default) => Find(consentId);

    public Task<ApiResult<Done>> RevokeMineAsync(string consentId, CancellationToken cancellationToken = default)
    {
        RevokeCalls.Add(consentId);
        if (RevokeFailure is not null)
        {
            return Task.FromResult<ApiResult<Done>>(new ApiResult<Done>.Failed(RevokeFailure));
        }

        var index = Consents.FindIndex(consent => consent.ConsentId == consentId);
        var consent = Consents[index];
        Consents[index] = consent with
        {
            Status = ConsentStatuses.Revoked,
            Events = [.. consent.Events ?? [], Event("revoked", 60, "customer:" + consent.CustomerSubject)],
        };
        return Answer(new Done());
    }

    public Task<ApiResult<IReadOnlyList<Consent>>> LookUpAsync(ConsentLookup lookup, CancellationToken cancellationToken = default)
    {
        LookUpCalls.Add(lookup);
        return Answer(LookUpResults);
    }

    public Task<ApiResult<Consent>> GetAnyAsync(string consentId, CancellationToken cancellationToken = default)
    {
        GetAnyCalls.Add(consentId);
        return Find(consentId);
    }

    private Task<ApiResult<Consent>> Find(string consentId) =>
        Consents.FirstOrDefault(consent => consent.ConsentId == consentId) is { } found
            ? Answer(found)
            : Task.FromResult<ApiResult<Consent>>(Failure is null ? new ApiResult<Consent>.NotFound() : new ApiResult<Consent>.Failed(Failure));

    private Task<ApiResult<T>> Answer<T>(T value) => Task.FromResult<ApiResult<T>>(
        Failure is null ? new ApiResult<T>.Success(value) : new ApiResult<T>.Failed(Failure));
}
