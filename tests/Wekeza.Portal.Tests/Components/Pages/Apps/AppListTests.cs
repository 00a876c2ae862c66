using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.Tests.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.Apps;

public sealed class AppListTests : PortalTestContext
{
    public AppListTests() => SignInAsDeveloper();

    [Fact]
    public void Without_apps_invites_the_developer_to_create_the_first()
    {
        var page = Render<AppList>();

        Assert.Contains("You have no apps yet", page.Find(".empty-state").TextContent);
        var cta = page.Find("a.create-first-app");
        Assert.Equal("/apps/new", cta.GetAttribute("href"));
        Assert.Contains("Create your first app", cta.TextContent);
        Assert.Empty(page.FindAll(".apps-table"));
    }

    [Fact]
    public void Lists_each_app_with_its_client_id_environment_and_creation_date()
    {
        AppsApi.Apps.Add(FakeAppsClient.App());
        AppsApi.Apps.Add(FakeAppsClient.App("app_2", "Savings Sidekick", "sbx_77aa"));

        var page = Render<AppList>();

        var rows = page.FindAll(".apps-table tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Budget Buddy", rows[0].TextContent);
        Assert.Contains("sbx_3f9c", rows[0].TextContent);
        Assert.Contains("sandbox", rows[0].TextContent);
        Assert.Contains("24 Nov 2026", rows[0].TextContent);
        Assert.Equal("/apps/app_2", rows[1].QuerySelector("a")?.GetAttribute("href"));
        Assert.Empty(page.FindAll(".empty-state"));
    }
}
