using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Payments;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.Consents;
using Wekeza.Consents;
using Wekeza.ServiceDefaults;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>
/// Budget Buddy's account-access consent over Amina's two accounts, as the app, Amina (My consents) and an
/// administrator see it; and her payment consent, consumed by her payment, in her list.
/// </summary>
internal static class ConsentExamples
{
    private static readonly string[] ReadEverything = [.. ConsentPermissions.All];

    // Documentation addresses (RFC 5737): the app's server, and Amina's phone at the consent screen.
    private const string AppAddress = "203.0.113.24";
    private const string CustomerAddress = "198.51.100.7";

    private static readonly CreateConsentRequest Create = new(ReadEverything, ConsentExpiresAt, TransactionsFrom, TransactionsTo);

    private static readonly ConsentEventView[] History =
    [
        new(ConsentEventTypes.Created, ConsentCreatedAt, $"app:{ClientId}", AppAddress, null),
        new(ConsentEventTypes.Authorised, ConsentAuthorisedAt, $"customer:{Amina.Subject}", CustomerAddress, $"accounts: {Everyday.Id}, {EmergencyFund.Id}"),
    ];

    private static ConsentView AccountAccess(IReadOnlyList<ConsentEventView>? events) => new(
        AccountConsentId, ClientId, AppName, Amina.Subject, ConsentStatuses.Authorised, ReadEverything, ConsentExpiresAt, TransactionsFrom,
        TransactionsTo, [SharedAccount.From(Everyday), SharedAccount.From(EmergencyFund)], ConsentCreatedAt, ConsentAuthorisedAt, events,
        ConsentKinds.AccountAccess, null);

    private static readonly ConsentView Payment = new(
        PaymentConsentId, ClientId, AppName, Amina.Subject, ConsentStatuses.Consumed, [], PaymentConsentCreatedAt + PaymentRules.DefaultLifetime, null, null,
        [SharedAccount.From(Everyday)], PaymentConsentCreatedAt, PaymentSubmittedAt, null, ConsentKinds.DomesticPayment, PaymentSummary.From(Invoice));

    // Newest first, as both lists are.
    private static readonly ListResponse<ConsentView> AminasConsents = new([Payment, AccountAccess(null)], new ListLinks(Link("/v1/me/consents")), new ListMeta(TotalPages: 1));

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["CreateConsent"] = new(Create,
            new ConsentResponse(AccountConsentId, ConsentStatuses.AwaitingAuthorisation, ReadEverything, ConsentExpiresAt, TransactionsFrom, TransactionsTo,
                ConsentCreatedAt, ConsentCreatedAt),
            // Balances without accounts, for longer than a consent may last: the rules' own words.
            ConsentProblems.Invalid(ConsentRules.Check(
                Create with { Permissions = [ConsentPermissions.ReadBalances], ExpiresAt = ConsentCreatedAt.AddDays(400), TransactionFromDateTime = null, TransactionToDateTime = null },
                ConsentCreatedAt)).ProblemDetails),
        ["GetConsent"] = new(null, new ConsentResponse(AccountConsentId, ConsentStatuses.Authorised, ReadEverything, ConsentExpiresAt, TransactionsFrom,
            TransactionsTo, ConsentCreatedAt, ConsentAuthorisedAt)),
        ["ListMyConsents"] = new(null, AminasConsents),
        ["GetMyConsent"] = new(null, AccountAccess(History)),
        ["SearchConsents"] = new(null, AminasConsents with { Links = new ListLinks(Link($"/v1/admin/consents?customerSubject={Amina.Subject}")) },
            ValidationProblems.Result(new() { [""] = ["Give at least one of consentId, clientId or customerSubject."] }, "Nothing to search for").ProblemDetails),
        ["GetConsentAsAdmin"] = new(null, AccountAccess(History)),
    };
}
