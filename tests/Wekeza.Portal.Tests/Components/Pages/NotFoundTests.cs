using Wekeza.Portal.Components.Pages;

namespace Wekeza.Portal.Tests.Components.Pages;

public sealed class NotFoundTests : PortalTestContext
{
    [Fact]
    public void Tells_the_reader_the_page_does_not_exist_and_links_home()
    {
        var page = Render<NotFound>();

        Assert.Equal("We couldn't find that page", page.Find("h1").TextContent.Trim());
        var home = page.Find("a[href='/']");
        Assert.Contains("Back to the home page", home.TextContent);
    }
}
