using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>What a newcomer does in the browser before they have an app: each method is one step a person takes.</summary>
internal static class NewcomerSteps
{
    /// <summary>The landing page's "Sign in", then "Create a developer account".</summary>
    public static async Task OpenRegistrationAsync(IPage page, string portal)
    {
        // The sign-in link is plain HTML: it can be followed as soon as the document is parsed, whatever else loads.
        await page.GotoAsync(portal + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("a.sign-in").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a developer account" }).ClickAsync();
    }

    public static async Task RegisterAsync(IPage page, Person developer)
    {
        await page.GetByLabel("Your name").FillAsync(developer.Name);
        await page.GetByLabel("Email").FillAsync(developer.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(developer.Password);
        await page.GetByLabel("Confirm password").FillAsync(developer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
    }

    /// <summary>The link in the verification email, then "Sign in" on the page it opens.</summary>
    public static async Task VerifyEmailAsync(IPage page, Journeys journeys, Person developer)
    {
        var email = await journeys.Mailbox.WaitForAsync(developer.Email, "Verify your email", TestContext.Current.CancellationToken);
        await page.GotoAsync(Mailbox.LinkIn(email));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email verified" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>From the landing page's "Sign in" through the form, back to the portal signed in.</summary>
    public static async Task SignInFromHomeAsync(IPage page, Person person, string portal)
    {
        await page.GotoAsync(portal + "/");
        await page.Locator("a.sign-in").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await SignInAsync(page, person, portal);
    }

    /// <summary>The sign-in form, back to the portal signed in.</summary>
    public static async Task SignInAsync(IPage page, Person developer, string portal)
    {
        await page.GetByLabel("Email").FillAsync(developer.Email);
        await page.GetByLabel("Password").FillAsync(developer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("^" + Regex.Escape(portal)));
    }
}
