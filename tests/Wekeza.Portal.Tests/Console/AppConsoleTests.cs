using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Components.Pages.Apps;

namespace Wekeza.Portal.Tests.Console;

public sealed class AppConsoleTests : ConsoleTestContext
{
    [Fact]
    public void The_apps_page_links_to_its_console()
    {
        var page = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));

        var link = page.Find("[data-testid=app-console-link]");
        Assert.Equal("/apps/app_1/console", link.GetAttribute("href"));
        Assert.Contains("Try it in the console", link.TextContent);
    }

    [Fact]
    public void A_production_app_is_told_the_console_is_for_sandbox_apps_and_nothing_is_called()
    {
        AppsApi.Apps[0] = AppsApi.Apps[0] with { Environment = "production", ClientId = "live_9a" };

        var page = RenderConsole();

        Assert.Contains("The console is for sandbox apps", page.Find("[data-testid=console-not-sandbox]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=console-secret]"));
        Assert.Empty(Sandbox.Http.Requests);
    }

    [Fact]
    public void An_unknown_app_gets_the_not_found_state()
    {
        var page = RenderConsole("app_nope");

        Assert.Contains("We couldn't find that app", page.Find(".app-not-found h1").TextContent);
    }

    [Fact]
    public void The_console_also_opens_by_client_id()
    {
        var page = RenderConsole(FakeSandbox.ClientId);

        Assert.Equal("/apps/app_1", page.Find("[data-testid=back-to-app]").GetAttribute("href"));
        Assert.NotNull(page.Find("[data-testid=console-secret]"));
    }

    [Fact]
    public void A_wrong_secret_says_auth_refused_it_and_the_field_is_emptied()
    {
        var page = RenderConsole();

        UseSecret(page, "wk_sbx_sk_wrong");

        page.WaitForAssertion(() => Assert.Contains("invalid_client", page.Find("[data-testid=console-secret-error]").TextContent));
        Assert.Contains("rotated on the app's page", page.Find("[data-testid=console-secret-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=console-authorise]"));
        Assert.DoesNotContain("wk_sbx_sk_wrong", page.Markup);
        Assert.Equal("password", page.Find("[data-testid=console-secret]").GetAttribute("type"));
    }

    [Fact]
    public void A_secret_just_issued_in_this_circuit_is_used_and_left_for_the_apps_page()
    {
        var held = Services.GetRequiredService<OneTimeSecret>();
        held.Hold("app_1", FakeSandbox.Secret);

        var page = RenderConsole();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=console-credentials-ready]")));
        Assert.Empty(page.FindAll("[data-testid=console-secret]"));
        Assert.DoesNotContain(FakeSandbox.Secret, page.Markup);
        Assert.Equal(FakeSandbox.Secret, held.TakeFor("app_1"));
    }

    [Fact]
    public void Authorising_as_a_test_customer_shows_who_the_consent_its_accounts_and_the_steps()
    {
        var page = SignedIn();

        Assert.Equal(["Amina Wanjiru (salaried)", "Brian Otieno (small-business)"],
            page.FindAll("[data-testid=console-customer] option").Select(option => option.TextContent));
        Assert.Equal("Authorise as Amina Wanjiru", page.Find("[data-testid=console-authorise]").TextContent.Trim());
        page.Find("[data-testid=console-authorise]").Click();

        page.WaitForAssertion(() => Assert.Equal("Authorised as Amina Wanjiru", page.Find("[data-testid=console-authorised]").TextContent));
        Assert.Equal("cns_1", page.Find("[data-testid=console-consent-id]").TextContent);
        Assert.Equal("Authorised", page.Find("[data-testid=console-consent-status]").TextContent);
        Assert.Contains("acc_000101 (010000010001)", page.Find("[data-testid=console-authorisation-result]").TextContent);
        Assert.Equal(5, page.FindAll("[data-testid=console-authorisation] [data-testid=console-step][data-succeeded=true]").Count);
        Assert.DoesNotContain(FakeSandbox.CustomerToken, page.Markup);
    }

    [Fact]
    public void Rejecting_as_another_customer_shows_the_consent_rejected_and_access_denied()
    {
        var page = SignedIn();

        page.Find("[data-testid=console-customer]").Change("brian");
        page.Find("[data-testid=console-reject]").Click();

        page.WaitForAssertion(() => Assert.Contains("Brian Otieno declined", page.Find("[data-testid=console-rejected]").TextContent));
        Assert.Equal("Rejected", page.Find("[data-testid=console-consent-status]").TextContent);
        Assert.Contains("access_denied", page.Find("[data-testid=console-rejected]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=console-authorised]"));
    }

    [Fact]
    public void The_builder_lists_the_operations_sends_one_and_shows_status_time_headers_body_and_curl()
    {
        var page = SignedIn();
        page.Find("[data-testid=console-authorise]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=console-authorised]"));

        page.WaitForAssertion(() => Assert.Equal(["Accounts", "Payments", "Webhooks", "Events", "Sandbox"],
            page.FindAll("[data-testid=console-operation] optgroup").Select(group => group.GetAttribute("label"))));
        Assert.Contains("GET /v1/accounts — List the accounts the customer shared",
            page.FindAll("[data-testid=console-operation] option").Select(option => option.TextContent));
        page.Find("[data-testid=console-operation]").Change("GET /v1/accounts/{accountId}/transactions");
        Assert.Equal("acc_000101", page.Find("[data-testid=console-param-accountId]").GetAttribute("value"));
        page.Find("[data-testid=console-param-limit]").Change("2");
        Sandbox.Http.On("GET", "/v1/accounts/acc_000101/transactions", _ =>
        {
            var response = FakeHttp.Json(System.Net.HttpStatusCode.OK, """{"data":[],"links":{"self":"x"}}""");
            response.Headers.Add("x-fapi-interaction-id", "6f0c");
            return response;
        });

        page.Find("[data-testid=console-send]").Click();

        page.WaitForAssertion(() => Assert.Equal("200", page.Find("[data-testid=console-status]").TextContent));
        Assert.Matches(@"^\d+ ms$", page.Find("[data-testid=console-elapsed]").TextContent);
        Assert.Contains("x-fapi-interaction-id", page.Find("[data-testid=console-response-headers]").TextContent);
        Assert.Equal("{\n  \"data\": [],\n  \"links\": {\n    \"self\": \"x\"\n  }\n}", page.Find("[data-testid=console-response-body]").TextContent);
        Assert.Equal("""
            curl -s --cacert $CA "$API/v1/accounts/acc_000101/transactions?limit=2" \
              -H "Authorization: Bearer $TOKEN"
            """, page.Find("[data-testid=console-curl]").TextContent);
        Assert.Equal($"Bearer {FakeSandbox.CustomerToken}", Sandbox.Http.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public void A_problem_answer_is_shown_with_its_code_and_detail()
    {
        var page = SignedIn();
        page.WaitForAssertion(() => page.Find("[data-testid=console-operation]"));
        page.Find("[data-testid=console-operation]").Change("GET /v1/events");
        page.Find("[data-testid=console-scenario]").Change("server-error");
        Sandbox.Http.On("GET", "/v1/events", _ => FakeHttp.Json(System.Net.HttpStatusCode.InternalServerError,
            """{"title":"Something went wrong on our side","status":500,"code":"internal_error","detail":"Simulated."}""", "application/problem+json"));

        page.Find("[data-testid=console-send]").Click();

        page.WaitForAssertion(() => Assert.Equal("500", page.Find("[data-testid=console-status]").TextContent));
        Assert.Equal("500 Something went wrong on our side (internal_error): Simulated.", page.Find("[data-testid=console-problem]").TextContent.Trim());
        Assert.Equal("server-error", Sandbox.Http.Requests.Last().Header("Wekeza-Sandbox-Scenario"));
        Assert.Contains("-H 'Wekeza-Sandbox-Scenario: server-error'", page.Find("[data-testid=console-curl]").TextContent);
    }

    [Fact]
    public void The_curl_shows_the_real_token_only_when_asked()
    {
        var page = SignedIn();
        page.WaitForAssertion(() => page.Find("[data-testid=console-operation]"));
        page.Find("[data-testid=console-operation]").Change("GET /v1/events");

        Assert.Contains("Bearer $TOKEN", page.Find("[data-testid=console-curl]").TextContent);
        page.Find("[data-testid=console-curl-token]").Change(true);

        Assert.Contains($"-H 'Authorization: Bearer {FakeSandbox.AppToken}'", page.Find("[data-testid=console-curl]").TextContent);
    }

    [Fact]
    public void A_test_payment_shows_each_step_and_the_final_status()
    {
        var page = SignedIn();

        Assert.Equal("010000020001", page.Find("[data-testid=console-creditor]").GetAttribute("value"));
        Assert.Equal("acc_000101", page.Find("[data-testid=console-debtor]").GetAttribute("value"));
        page.Find("[data-testid=console-pay]").Click();

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=console-payment-status]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(
            ["Create a payment consent", "Authorise as Amina Wanjiru", "Exchange the code for the customer's token", "Submit the payment", "Follow the status"],
            page.FindAll("[data-testid=console-payment] [data-testid=console-step-title]").Select(title => title.TextContent));
        Assert.Equal(["Pending", "Completed"],
            page.FindAll("[data-testid=console-payment-statuses] .mud-chip").Select(chip => chip.TextContent.Trim()));
    }

    private IRenderedComponent<AppConsole> RenderConsole(string id = "app_1") =>
        Render<AppConsole>(parameters => parameters.Add(p => p.Id, id));

    private IRenderedComponent<AppConsole> SignedIn()
    {
        var page = RenderConsole();
        UseSecret(page, FakeSandbox.Secret);
        page.WaitForAssertion(() => page.Find("[data-testid=console-authorise]"));
        return page;
    }

    private static void UseSecret(IRenderedComponent<AppConsole> page, string secret)
    {
        page.Find("[data-testid=console-secret]").Change(secret);
        page.Find("[data-testid=console-secret-use]").Click();
    }
}
