using System.Text.Json;
using Wekeza.Api.Features.Payments;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;
using Wekeza.Consents;

namespace Wekeza.Api.Tests.Features.Payments;

public sealed class PaymentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static InitiationRequest Request(string amountJson = "\"1500.00\"", string currency = "KES", string scheme = CreditorSchemes.WekezaAccount,
        string identification = "010000020001", string name = "Otieno Traders", string reference = "INV-1") =>
        new(new InstructedAmountRequest(JsonDocument.Parse(amountJson).RootElement, currency), new CreditorAccountRequest(scheme, identification),
            name, reference, null);

    private static Dictionary<string, string[]> Errors(InitiationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        PaymentRules.Read(request, new PaymentLimits(), errors);
        return errors;
    }

    [Fact]
    public void A_well_formed_initiation_is_read_exactly_as_a_decimal()
    {
        var errors = new Dictionary<string, string[]>();
        var initiation = PaymentRules.Read(Request("0.10"), new PaymentLimits(), errors);

        Assert.Empty(errors);
        Assert.Equal(0.10m, initiation!.Amount);
        Assert.True(initiation.IsInternal);
    }

    [Theory]
    [InlineData("\"10.001\"", "KES", "KES has 2 decimal places")]
    [InlineData("\"0\"", "KES", "more than zero")]
    [InlineData("\"0.00\"", "KES", "more than zero")]
    [InlineData("\"-5.00\"", "KES", "more than zero")]
    [InlineData("\"1e3\"", "KES", "decimal string")]
    [InlineData("\"12,50\"", "KES", "decimal string")]
    [InlineData("\"99999999999999\"", "KES", "The most one payment may move is KES 1,000,000.00")]
    [InlineData("\"1000000.01\"", "KES", "The most one payment may move")]
    [InlineData("\"10.5\"", "UGX", "UGX has no minor unit")]
    [InlineData("true", "KES", "decimal string")]
    public void A_bad_amount_names_the_field_and_the_rule(string amountJson, string currency, string message)
    {
        var errors = Errors(Request(amountJson, currency));

        Assert.Contains(message, Assert.Single(errors["initiation.instructedAmount.amount"]));
    }

    [Fact]
    public void The_exact_limit_is_allowed_and_an_unknown_currency_is_refused()
    {
        Assert.Empty(Errors(Request("\"1000000.00\"")));
        Assert.Contains("XYZ", Assert.Single(Errors(Request(currency: "XYZ"))["initiation.instructedAmount.currency"]));
    }

    [Theory]
    [InlineData(CreditorSchemes.WekezaAccount, "12345", "initiation.creditorAccount.identification")]
    [InlineData(CreditorSchemes.KenyanBankAccount, "1234567890", "initiation.creditorAccount.identification")]
    [InlineData(CreditorSchemes.MobileMoney, "0712345678", "initiation.creditorAccount.identification")]
    [InlineData("IBAN", "KE00", "initiation.creditorAccount.schemeName")]
    public void A_creditor_account_that_does_not_fit_its_scheme_is_refused(string scheme, string identification, string field)
    {
        Assert.True(Errors(Request(scheme: scheme, identification: identification)).ContainsKey(field));
    }

    [Theory]
    [InlineData("", "initiation.creditorName")]
    [InlineData("<script>", "initiation.creditorName")]
    public void A_creditor_name_must_be_plain_and_short(string name, string field) =>
        Assert.True(Errors(Request(name: name)).ContainsKey(field));

    [Theory]
    [InlineData("")]
    [InlineData("THIS-REFERENCE-IS-FAR-TOO-LONG-FOR-THE-SWITCH")]
    [InlineData("line\nbreak")]
    public void A_reference_is_at_most_35_plain_characters(string reference) =>
        Assert.True(Errors(Request(reference: reference)).ContainsKey("initiation.reference"));

    [Fact]
    public void A_payment_consent_is_authorised_from_exactly_one_account_in_its_currency_and_then_pays_once()
    {
        var initiation = new PaymentInitiation
        {
            Amount = 10m, Currency = "KES", CreditorScheme = CreditorSchemes.WekezaAccount, CreditorIdentification = "010000020001",
            CreditorName = "Otieno Traders", Reference = "INV-1",
        };
        var kes = new Account { Id = "acc_1", Kind = AccountKinds.Current, Currency = "KES", Name = "A", Number = "010000010001" };
        var kes2 = new Account { Id = "acc_2", Kind = AccountKinds.Current, Currency = "KES", Name = "B", Number = "010000010002" };
        var usd = new Account { Id = "acc_3", Kind = AccountKinds.Current, Currency = "USD", Name = "C", Number = "010000010003" };

        var consent = Consent.CreatePayment("app", initiation, Now.AddDays(1), Now, null);
        Assert.Throws<ConsentRuleException>(() => consent.Authorise("cust", [kes, kes2], "App", "auth", Now, null));
        Assert.Throws<ConsentRuleException>(() => consent.Authorise("cust", [usd], "App", "auth", Now, null));
        Assert.Throws<ConsentRuleException>(() => consent.Consume("pmt_1", Now));

        consent.Authorise("cust", [kes], "App", "auth", Now, null);
        consent.Consume("pmt_1", Now);

        Assert.Equal(ConsentStatuses.Consumed, consent.Status);
        Assert.Equal(ConsentKinds.DomesticPayment, consent.Snapshot().Kind);
        Assert.Throws<ConsentRuleException>(() => consent.Consume("pmt_2", Now));
        Assert.False(consent.Revoke("app:app", Now, null));
    }
}
