using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Components.Layout;

namespace Wekeza.Portal.Tests.Components.Layout;

public sealed class UserMenuTests : PortalTestContext
{
    [Fact]
    public void Anonymous_visitors_get_a_sign_in_button()
    {
        var menu = Render<UserMenu>();

        Assert.Contains("Sign in", menu.Find("a.sign-in").TextContent);
        Assert.Empty(menu.FindAll("form"));
    }

    [Fact]
    public void Sign_in_links_to_the_login_endpoint_and_back_to_this_page()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/getting-started");
        var menu = Render<UserMenu>();

        Assert.Equal("/account/login?returnUrl=%2Fgetting-started", menu.Find("a.sign-in").GetAttribute("href"));
    }

    [Fact]
    public void Without_an_auth_server_there_is_no_sign_in_button()
    {
        UsePlatformConfiguration(new Dictionary<string, string?>());

        var menu = Render<UserMenu>();

        Assert.Empty(menu.FindAll("button"));
    }

    [Fact]
    public void Signed_in_users_see_their_name_and_a_sign_out_form_with_an_antiforgery_token()
    {
        SignInAsDeveloper("Ada Developer");

        var menu = Render<UserMenu>();

        Assert.Equal("Ada Developer", menu.Find(".user-name").TextContent.Trim());
        var form = menu.Find("form.sign-out");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/logout", form.GetAttribute("action"));
        Assert.Contains("Sign out", form.QuerySelector("button[type='submit']")?.TextContent);
        Assert.Empty(menu.FindAll(".sign-in"));
    }
}
