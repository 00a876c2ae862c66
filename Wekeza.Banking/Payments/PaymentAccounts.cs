using Wekeza.Banking.CoreBanking;

namespace Wekeza.Banking.Payments;

/// <summary>
/// The bank's own accounts that payments to other banks pass through, per currency, created by the migration in
/// every environment: a debit for an external creditor parks the money in outbound clearing; the switch's
/// settlement moves it on to the settlement account, or a failure returns it to the customer.
/// </summary>
public static class PaymentAccounts
{
    private static readonly DateTimeOffset Opened = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string OutboundClearing(string currency) => $"acc_payments_outbound_{currency.ToLowerInvariant()}";

    public static string SwitchSettlement(string currency) => $"acc_switch_settlement_{currency.ToLowerInvariant()}";

    public static readonly IReadOnlyList<string> AccountCurrencies = ["KES", "USD"];

    public static Account[] All =>
    [
        .. AccountCurrencies.SelectMany((currency, i) => new[]
        {
            new Account
            {
                Id = OutboundClearing(currency), Kind = AccountKinds.Internal, Currency = currency, Name = $"Outbound payments in settlement {currency}",
                Number = $"990000001{i + 1}", OpenedAt = Opened,
            },
            new Account
            {
                Id = SwitchSettlement(currency), Kind = AccountKinds.Internal, Currency = currency, Name = $"Payment switch settlement {currency}",
                Number = $"990000002{i + 1}", OpenedAt = Opened,
            },
        }),
    ];
}
