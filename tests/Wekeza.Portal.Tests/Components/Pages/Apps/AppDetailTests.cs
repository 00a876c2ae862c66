using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.Tests.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.Apps;

public sealed class AppDetailTests : PortalTestContext
{
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public AppDetailTests()
    {
        SignInAsDeveloper();
        AppsApi.Apps.Add(FakeAppsClient.App());
        _dialogs = Render<MudDialogProvider>();
    }

    [Fact]
    public void Shows_the_client_id_environment_status_and_scopes()
    {
        var page = RenderDetail();

        Assert.Equal("Budget Buddy", page.Find("h1").TextContent.Trim());
        Assert.Equal("sbx_3f9c", page.Find(".client-id").TextContent);
        Assert.Contains("sandbox", page.Find(".app-environment").TextContent);
        Assert.Contains("active", page.Find(".app-status").TextContent);
        Assert.Contains("accounts.read", page.Find(".app-scopes").TextContent);
        Assert.Empty(page.FindAll(".one-time-secret"));
    }

    [Fact]
    public void An_unknown_app_gets_a_friendly_not_found_state()
    {
        var page = RenderDetail("app_nope");

        Assert.Contains("We couldn't find that app", page.Find(".app-not-found h1").TextContent);
        Assert.NotNull(page.Find(".app-not-found a[href='/apps']"));
    }

    [Fact]
    public void Redirect_uris_and_description_are_saved()
    {
        var page = RenderDetail();

        page.Find(".app-description textarea").Change("New words");
        page.Find(".redirect-uri input").Change("https://new.example/cb");
        page.Find("button.save-app").Click();

        var (id, request) = Assert.Single(AppsApi.UpdateCalls);
        Assert.Equal("app_1", id);
        Assert.Equal("New words", request.Description);
        Assert.Equal(["https://new.example/cb"], request.RedirectUris);
        Assert.Null(request.Name);
    }

    [Fact]
    public void A_bad_redirect_uri_is_not_saved()
    {
        var page = RenderDetail();

        page.Find(".redirect-uri input").Change("ftp://x");
        page.Find("button.save-app").Click();

        Assert.Contains("Use https", page.Find(".redirect-uri").TextContent);
        Assert.Empty(AppsApi.UpdateCalls);
    }

    [Fact]
    public void Cancelling_the_rotation_rotates_nothing()
    {
        var page = RenderDetail();

        page.Find("button.rotate-secret").Click();
        _dialogs.WaitForAssertion(() => DialogButton("Cancel").Click());

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(AppsApi.RotateCalls);
        Assert.Empty(page.FindAll(".one-time-secret"));
    }

    [Fact]
    public void Confirming_the_rotation_shows_the_new_secret_once()
    {
        var page = RenderDetail();

        page.Find("button.rotate-secret").Click();
        _dialogs.WaitForAssertion(() => DialogButton("Rotate secret").Click());

        page.WaitForAssertion(() => Assert.Contains("wk_sbx_sk_rotated", page.Find(".one-time-secret").TextContent));
        Assert.Equal(["app_1"], AppsApi.RotateCalls);
        Assert.Empty(RenderDetail().FindAll(".one-time-secret"));
    }

    [Fact]
    public void Deleting_requires_typing_the_app_name()
    {
        var page = RenderDetail();

        page.Find("button.delete-app").Click();
        _dialogs.WaitForAssertion(() => Assert.True(ConfirmDelete().HasAttribute("disabled")));
        _dialogs.Find(".confirm-app-name input").Input("Budget");
        Assert.True(ConfirmDelete().HasAttribute("disabled"));

        _dialogs.Find(".confirm-app-name input").Input("Budget Buddy");
        Assert.False(ConfirmDelete().HasAttribute("disabled"));
        ConfirmDelete().Click();

        page.WaitForAssertion(() => Assert.Equal(["app_1"], AppsApi.DeleteCalls));
        Assert.Equal("http://localhost/apps", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Cancelling_the_deletion_deletes_nothing()
    {
        var page = RenderDetail();

        page.Find("button.delete-app").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("button.cancel-delete").Click());

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(AppsApi.DeleteCalls);
    }

    private IRenderedComponent<AppDetail> RenderDetail(string id = "app_1") =>
        Render<AppDetail>(parameters => parameters.Add(p => p.Id, id));

    private AngleSharp.Dom.IElement DialogButton(string text) =>
        _dialogs.FindAll(".mud-dialog button").Single(button => button.TextContent.Trim() == text);

    private AngleSharp.Dom.IElement ConfirmDelete() => _dialogs.Find("button.confirm-delete");
}
