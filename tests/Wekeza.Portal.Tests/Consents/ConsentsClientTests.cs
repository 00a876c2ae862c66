using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Platform;

namespace Wekeza.Portal.Tests.Consents;

public sealed class ConsentsClientTests
{
    private const string ApiBase = "https://api.wekeza.test/";

    private const string ConsentJson = """
        { "consentId": "cns_0197", "clientId": "app_abc", "appName": "Budget Buddy",
          "customerSubject": "00000000-0000-0000-0000-000000000001", "status": "Authorised",
          "permissions": ["ReadAccounts", "ReadBalances"], "expiresAt": "2027-01-01T00:00:00+00:00",
          "transactionFromDateTime": null, "transactionToDateTime": null,
          "accounts": [{ "accountId": "acc_000101", "name": "Everyday account", "currency": "KES", "maskedNumber": "•••• 0101" }],
          "createdAt": "2026-11-24T10:00:00+00:00", "statusUpdatedAt": "2026-11-24T10:05:00+00:00",
          "events": [{ "type": "created", "at": "2026-11-24T10:00:00+00:00", "actor": "app:app_abc", "address": "127.0.0.1", "detail": null }] }
        """;

    private readonly ApiClientHarness _api = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_my_consents_from_the_api_with_the_sessions_access_token()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, $$"""{ "data": [ {{ConsentJson}} ], "links": { "self": "x" }, "meta": { "totalPages": 1 } }""");

        var result = await client.ListMineAsync(Cancellation);

        var consent = Assert.Single(Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Success>(result).Value);
        Assert.Equal("Budget Buddy", consent.AppName);
        Assert.Equal(["ReadAccounts", "ReadBalances"], consent.Permissions);
        Assert.Equal("•••• 0101", Assert.Single(consent.Accounts).MaskedNumber);
        var request = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"{ApiBase}v1/me/consents", request.RequestUri?.AbsoluteUri);
        Assert.Equal($"Bearer {ApiClientHarness.AccessToken}", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Reads_one_consent_with_its_events()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, ConsentJson);

        var consent = Assert.IsType<ApiResult<Consent>.Success>(await client.GetMineAsync("cns_0197", Cancellation)).Value;

        var created = Assert.Single(consent.Events!);
        Assert.Equal(("created", "app:app_abc", "127.0.0.1"), (created.Type, created.Actor, created.Address));
    }

    [Fact]
    public async Task Consent_ids_are_escaped_so_they_cannot_reach_another_path()
    {
        var client = await CreateClientAsync();
        const string hostile = "cns_1/../../admin/consents?x=1";
        const string escaped = "cns_1%2F..%2F..%2Fadmin%2Fconsents%3Fx%3D1";

        await client.GetMineAsync(hostile, Cancellation);
        _api.Respond(HttpStatusCode.NoContent);
        await client.RevokeMineAsync(hostile, Cancellation);
        await client.GetAnyAsync(hostile, Cancellation);

        Assert.Equal(
            [
                $"GET {ApiBase}v1/me/consents/{escaped}",
                $"DELETE {ApiBase}v1/me/consents/{escaped}",
                $"GET {ApiBase}v1/admin/consents/{escaped}",
            ],
            _api.Requests.Select(request => $"{request.Method} {request.RequestUri?.AbsoluteUri}"));
    }

    [Fact]
    public async Task Revoking_sends_a_delete_and_succeeds_on_204()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.NoContent);

        Assert.IsType<ApiResult<Done>.Success>(await client.RevokeMineAsync("cns_0197", Cancellation));
        Assert.Equal(HttpMethod.Delete, Assert.Single(_api.Requests).Method);
    }

    [Fact]
    public async Task A_lookup_sends_only_the_filters_given_trimmed_and_escaped()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, """{ "data": [], "links": { "self": "x" }, "meta": { "totalPages": 1 } }""");

        var result = await client.LookUpAsync(new ConsentLookup(ConsentId: "  ", ClientId: " app_abc ", CustomerSubject: "a b&c=d"), Cancellation);

        Assert.Empty(Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Success>(result).Value);
        Assert.Equal($"{ApiBase}v1/admin/consents?clientId=app_abc&customerSubject=a%20b%26c%3Dd",
            Assert.Single(_api.Requests).RequestUri?.AbsoluteUri);
    }

    [Fact]
    public async Task A_revocation_that_raced_another_change_asks_to_reload()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Conflict, """{ "title": "The consent changed meanwhile", "status": 409, "code": "consent_changed" }""",
            "application/problem+json");

        var result = await client.RevokeMineAsync("cns_0197", Cancellation);

        Assert.Contains("Reload the page", Assert.IsType<ApiResult<Done>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_conflict_with_a_rule_shows_the_apis_detail()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Conflict, """
            { "title": "The consent cannot expire", "status": 409, "code": "consent_not_expirable", "retryable": false,
              "detail": "This consent is already Revoked; only an open consent can expire." }
            """, "application/problem+json");

        var result = await client.RevokeMineAsync("cns_0197", Cancellation);

        Assert.Equal("This consent is already Revoked; only an open consent can expire.", Assert.IsType<ApiResult<Done>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_consent_that_is_not_yours_is_not_found()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.NotFound, """{ "title": "Consent not found", "status": 404 }""", "application/problem+json");

        Assert.IsType<ApiResult<Consent>.NotFound>(await client.GetMineAsync("cns_other", Cancellation));
    }

    [Fact]
    public async Task A_lookup_by_someone_who_is_not_an_admin_says_it_is_for_administrators()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Forbidden, """{ "title": "Administrators only", "status": 403, "code": "admin_required" }""",
            "application/problem+json");

        var result = await client.LookUpAsync(new ConsentLookup("cns_1", null, null), Cancellation);

        Assert.Contains("for administrators", Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_token_without_the_consents_scope_asks_the_person_to_sign_in_again()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Forbidden, """{ "status": 403, "detail": "This needs the scope consents.manage." }""",
            "application/problem+json");

        var result = await client.ListMineAsync(Cancellation);

        Assert.Contains("sign in again", Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_validation_problem_becomes_field_errors()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.UnprocessableEntity, """
            { "title": "The lookup needs a filter", "status": 422,
              "errors": { "consentId": ["Give a consent id, a client id or a customer subject."] } }
            """, "application/problem+json");

        var result = await client.LookUpAsync(new ConsentLookup("x", null, null), Cancellation);

        var errors = Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Invalid>(result).Errors;
        Assert.Equal("Give a consent id, a client id or a customer subject.", errors.For("consentId"));
    }

    [Fact]
    public async Task Without_a_configured_api_nothing_is_sent_and_the_page_gets_a_message()
    {
        var (http, session) = await _api.ConnectAsync(baseAddress: null);
        var client = new ConsentsClient(http, session, NullLogger<ConsentsClient>.Instance);

        var result = await client.ListMineAsync(Cancellation);

        Assert.Contains("could not reach", Assert.IsType<ApiResult<IReadOnlyList<Consent>>.Failed>(result).Message);
        Assert.Empty(_api.Requests);
    }

    private async Task<ConsentsClient> CreateClientAsync()
    {
        var (http, session) = await _api.ConnectAsync(new Uri(ApiBase));
        return new ConsentsClient(http, session, NullLogger<ConsentsClient>.Instance);
    }
}
