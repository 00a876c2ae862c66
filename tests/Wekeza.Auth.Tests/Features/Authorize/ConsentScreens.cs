using Wekeza.Auth.Features.Authorize;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>Consents and screens as the bank describes them, for the consent screen's tests.</summary>
internal static class ConsentScreens
{
    public const string App = "Duka Pay";
    public const string ClientId = "sbx_duka_pay";

    public static readonly DateTimeOffset ExpiresAt = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    public static ConsentPayment Payment(string amount = "1500.00", string scheme = "KE.MobileMoney", string identification = "254712345678") =>
        new(amount, "KES", scheme, identification, "Duka La Mama", "INV-2291", DebtorAccountId: null);

    public static ConsentScreenData PaymentConsent(IReadOnlyList<ConsentAccount>? accounts = null, ConsentPayment? payment = null) =>
        new("pcon_1", ClientId, ConsentStatuses.AwaitingAuthorisation, [], ExpiresAt, null, null,
            accounts ?? [Account("acc_000101", "Everyday"), Account("acc_000102", "Savings")], ConsentKinds.DomesticPayment, payment ?? Payment());

    public static ConsentScreenData AccountConsent(IReadOnlyList<ConsentAccount>? accounts = null) =>
        new("con_1", ClientId, ConsentStatuses.AwaitingAuthorisation, ConsentPermissions.All, ExpiresAt, null, null,
            accounts ?? [Account("acc_000101", "Everyday"), Account("acc_000102", "Savings")]);

    public static ConsentAccount Account(string id, string name) => new(id, name, "KES", "current", "•••• " + id[^4..]);

    public static ConsentScreen Screen(ConsentScreenData consent, IReadOnlyCollection<string>? selected = null, string? problem = null) =>
        ConsentScreen.For(new AuthorizationDecision.AskConsent(App, [], consent, problem), [new("client_id", ClientId)], selected ?? [],
            TimeSpan.FromMinutes(10));
}
