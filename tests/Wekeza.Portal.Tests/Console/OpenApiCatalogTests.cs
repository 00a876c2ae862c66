using System.Text.Json;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class OpenApiCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly OpenApiCatalog _catalog = OpenApiCatalog.Parse(OpenApiDocuments.Small, Now);

    [Fact]
    public void Lists_the_operations_an_app_can_call_grouped_by_tag_in_the_documents_order()
    {
        Assert.Equal(
            [
                "Accounts: GET /v1/accounts, GET /v1/accounts/{accountId}/transactions",
                "Payments: POST /v1/payments",
                "Webhooks: POST /v1/webhook-endpoints/{endpointId}/rotate-secret",
                "Events: GET /v1/events, POST /v1/events",
                "Sandbox: GET /v1/sandbox/{kind}/things",
            ],
            _catalog.ByTag.Select(tag => $"{tag.Key}: {string.Join(", ", tag.Select(operation => operation.Key))}"));
        Assert.Equal("List the accounts the customer shared", _catalog.Find("GET /v1/accounts")?.Summary);
    }

    [Fact]
    public void Parameters_come_from_the_list_from_refs_and_from_the_path_template_path_first()
    {
        var transactions = _catalog.Find("GET /v1/accounts/{accountId}/transactions")!;

        Assert.Equal(
            [("accountId", "path", true), ("limit", "query", false), ("cursor", "query", false)],
            transactions.Parameters.Select(parameter => (parameter.Name, parameter.In, parameter.Required)));
        Assert.Equal("Page size, 1 to 100; default 50.", transactions.Parameters[1].Description);
        // Not in the document's list, but in the template: the request cannot be made without it.
        Assert.Equal(("kind", "path", true), _catalog.Find("GET /v1/sandbox/{kind}/things")!.Parameters.Select(p => (p.Name, p.In, p.Required)).Single());
    }

    [Fact]
    public void A_body_template_follows_refs_and_nullable_branches_and_stops_at_recursion()
    {
        var payment = _catalog.Find("POST /v1/payments")!;

        Assert.True(payment.HasBody);
        Assert.Equal("""{"consentId":"","initiation":{"instructedAmount":{"amount":"","currency":""},"creditorName":"","next":null}}""",
            Compact(payment.BodyTemplate!));
        Assert.Equal(("Idempotency-Key", "header", false), payment.Parameters.Select(p => (p.Name, p.In, p.Required)).Single());
    }

    [Fact]
    public void A_body_template_has_typed_placeholders_and_the_documents_example_wins()
    {
        Assert.Equal("""{"overlapHours":0,"until":"2026-11-25T10:00:00Z","enabled":false,"tags":["a"]}""",
            Compact(_catalog.Find("POST /v1/webhook-endpoints/{endpointId}/rotate-secret")!.BodyTemplate!));
        Assert.Equal("""{"type":"webhook.test"}""", Compact(_catalog.Find("POST /v1/events")!.BodyTemplate!));
        Assert.False(_catalog.Find("GET /v1/events")!.HasBody);
    }

    [Fact]
    public void Something_that_is_not_an_openapi_document_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => OpenApiCatalog.Parse("<html>", Now));
        Assert.ThrowsAny<JsonException>(() => OpenApiCatalog.Parse("""{"openapi":"3.1.1"}""", Now));
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
