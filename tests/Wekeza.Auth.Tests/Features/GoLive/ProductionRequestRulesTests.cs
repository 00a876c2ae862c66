using Wekeza.Auth.Features.GoLive;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Tests.Features.GoLive;

public sealed class ProductionRequestRulesTests
{
    private static readonly ProductionRequestFields Complete = new(
        "Tausi Fintech Ltd", "PVT-2026-0042", "KE", "compliance@tausi.example", "+254712345678", "https://tausi.example",
        "Shows customers their balances and spending by category, read only.", ["https://tausi.example/callback"], ["accounts.read"]);

    [Fact]
    public void A_complete_request_may_be_submitted() =>
        Assert.Empty(ProductionRequestRules.CheckSubmission(Complete));

    [Fact]
    public void An_empty_draft_may_be_saved_but_not_submitted()
    {
        var empty = new ProductionRequestFields(null, null, null, null, null, null, null, null, null);

        Assert.Empty(ProductionRequestRules.CheckDraft(empty));
        var errors = ProductionRequestRules.CheckSubmission(empty);
        Assert.Equal(
            ["contactEmail", "contactPhone", "country", "legalName", "redirectUris", "registrationNumber", "scopes", "useCase", "website"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("http://tausi.example/callback", "https")]
    [InlineData("http://localhost:5000/callback", "Production apps need an https")]
    [InlineData("https://*.tausi.example/cb", "Wildcards")]
    public void Production_redirect_uris_must_be_exact_https(string uri, string rule)
    {
        var errors = ProductionRequestRules.CheckSubmission(Complete with { RedirectUris = ["https://tausi.example/ok", uri] });

        Assert.Contains(rule, Assert.Single(errors["redirectUris[1]"]), StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("redirectUris[0]"));
    }

    [Theory]
    [InlineData("country", "Kenya")]
    [InlineData("contactEmail", "not-an-email")]
    [InlineData("contactPhone", "0712345678")]
    [InlineData("website", "http://tausi.example")]
    [InlineData("useCase", "Banking.")]
    public void Each_bad_field_is_named(string field, string value)
    {
        var fields = field switch
        {
            "country" => Complete with { Country = value },
            "contactEmail" => Complete with { ContactEmail = value },
            "contactPhone" => Complete with { ContactPhone = value },
            "website" => Complete with { Website = value },
            _ => Complete with { UseCase = value },
        };

        Assert.Equal([field], ProductionRequestRules.CheckSubmission(fields).Keys);
    }

    [Fact]
    public void Only_scopes_an_app_may_request_are_accepted() =>
        Assert.True(ProductionRequestRules.CheckSubmission(Complete with { Scopes = ["apps.manage"] }).ContainsKey("scopes"));

    [Fact]
    public void A_draft_keeps_to_the_limits() =>
        Assert.True(ProductionRequestRules.CheckDraft(Complete with { UseCase = new string('x', ProductionRequestRules.UseCaseMaxLength + 1) })
            .ContainsKey("useCase"));

    [Theory]
    [InlineData(null, true)]
    [InlineData(ProductionRequestStates.Draft, true)]
    [InlineData(ProductionRequestStates.Rejected, true)]
    [InlineData(ProductionRequestStates.Submitted, false)]
    [InlineData(ProductionRequestStates.Approved, false)]
    public void The_developer_edits_only_a_draft_or_a_rejected_request(string? state, bool allowed) =>
        Assert.Equal(allowed, ProductionRequestRules.DeveloperMayEdit(state));

    [Theory]
    [InlineData(ProductionRequestStates.Submitted, true)]
    [InlineData(ProductionRequestStates.Draft, false)]
    [InlineData(ProductionRequestStates.Rejected, false)]
    [InlineData(ProductionRequestStates.Approved, false)]
    public void An_admin_decides_only_a_submitted_request(string state, bool allowed) =>
        Assert.Equal(allowed, ProductionRequestRules.AdminMayDecide(state));
}
