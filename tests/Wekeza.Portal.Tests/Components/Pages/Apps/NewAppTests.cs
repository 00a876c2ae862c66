using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Components.Pages.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.Apps;

public sealed class NewAppTests : PortalTestContext
{
    public NewAppTests() => SignInAsDeveloper();

    [Fact]
    public void An_empty_form_shows_a_message_on_each_field_and_sends_nothing()
    {
        var page = Render<NewApp>();

        Submit(page);

        Assert.Contains("Give your app a name.", page.Find(".app-name").TextContent);
        Assert.Contains("Enter a redirect URI", page.Find(".redirect-uri").TextContent);
        Assert.Contains("Choose at least one scope.", page.Find(".scopes-error").TextContent);
        Assert.Empty(AppsApi.CreateCalls);
    }

    [Theory]
    [InlineData("http://example.com/cb", "Use https")]
    [InlineData("ftp://x", "Use https")]
    [InlineData("https://app.example/cb#done", "fragment")]
    [InlineData("https://*.example/cb", "Wildcards")]
    [InlineData("/callback", "absolute URI")]
    public void A_bad_redirect_uri_is_refused_on_its_row(string redirectUri, string message)
    {
        var page = Render<NewApp>();
        Fill(page, "Budget Buddy", redirectUri);

        Submit(page);

        Assert.Contains(message, page.Find(".redirect-uri").TextContent);
        Assert.Empty(AppsApi.CreateCalls);
    }

    [Fact]
    public void Http_is_accepted_for_localhost()
    {
        var page = Render<NewApp>();
        Fill(page, "Budget Buddy", "http://localhost:5000/callback");

        Submit(page);

        Assert.Single(AppsApi.CreateCalls);
    }

    [Fact]
    public void Redirect_uri_rows_can_be_added_and_removed()
    {
        var page = Render<NewApp>();

        page.Find(".add-redirect-uri").Click();
        page.FindAll(".redirect-uri input")[1].Change("https://two.example/cb");
        page.FindAll(".remove-redirect-uri")[0].Click();

        var row = Assert.Single(page.FindAll(".redirect-uri input"));
        Assert.Equal("https://two.example/cb", row.GetAttribute("value"));
    }

    [Fact]
    public void Server_validation_errors_are_shown_on_their_fields()
    {
        AppsApi.OnCreate = _ => new ApiResult<CreatedApp>.Invalid(new FieldErrors(new Dictionary<string, string[]>
        {
            ["name"] = ["You already have an app with this name."],
            ["redirectUris[0]"] = ["This host is blocked."],
            ["scopes"] = ["payments.write needs production approval."],
        }));
        var page = Render<NewApp>();
        Fill(page, "Budget Buddy", "https://app.example/callback");

        Submit(page);

        Assert.Single(AppsApi.CreateCalls);
        Assert.Contains("You already have an app with this name.", page.Find(".app-name").TextContent);
        Assert.Contains("This host is blocked.", page.Find(".redirect-uri").TextContent);
        Assert.Contains("payments.write needs production approval.", page.Find(".scopes-error").TextContent);
    }

    [Fact]
    public void A_valid_app_is_created_and_its_secret_is_shown_once_on_its_page()
    {
        var page = Render<NewApp>();
        Fill(page, "  Budget Buddy  ", "https://app.example/callback");

        Submit(page);

        var request = Assert.Single(AppsApi.CreateCalls);
        Assert.Equal("Budget Buddy", request.Name);
        Assert.Equal(["https://app.example/callback"], request.RedirectUris);
        Assert.Equal(["accounts.read"], request.Scopes);
        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("http://localhost/apps/app_1", navigation.Uri);
        Assert.DoesNotContain("wk_sbx_sk_created", navigation.Uri);

        var detail = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));
        Assert.Contains("wk_sbx_sk_created", detail.Find(".one-time-secret").TextContent);
        Assert.Contains("will not be shown again", detail.Find(".one-time-secret").TextContent);

        // Away and back: a new page instance, and the secret is gone.
        var again = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));
        Assert.Empty(again.FindAll(".one-time-secret"));
        Assert.DoesNotContain("wk_sbx_sk_created", again.Markup);
    }

    private static void Fill(IRenderedComponent<NewApp> page, string name, string redirectUri)
    {
        page.Find(".app-name input").Change(name);
        page.Find(".redirect-uri input").Change(redirectUri);
        page.Find("[data-scope='accounts.read'] input").Change(true);
    }

    private static void Submit(IRenderedComponent<NewApp> page) => page.Find("button.create-app").Click();
}
