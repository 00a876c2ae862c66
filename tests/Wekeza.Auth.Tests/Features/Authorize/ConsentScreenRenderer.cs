using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Auth.Features.Authorize;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>
/// Renders auth's real <c>_ConsentScreen</c> partial, compiled views and tag helpers included, as the Authorize page
/// would: reaching the page itself needs a client in authdb and a consent at the bank, neither of which these tests have.
/// </summary>
public sealed class ConsentScreenRenderer : IDisposable
{
    private readonly AuthFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;

    public ConsentScreenRenderer() =>
        // The form's antiforgery token needs data-protection keys, which the app keeps in Redis; the tests have none.
        _app = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddDataProtection().UseEphemeralDataProtectionProvider()));

    public async Task<string> RenderAsync(ConsentScreen screen)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("localhost");
        // The form posts to the page next to this one ("Decision"), which only resolves from inside a page.
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "consent screen"));
        var route = new RouteData();
        route.Values["page"] = "/Authorize/Authorize";
        var action = new ActionContext(http, route, new ActionDescriptor());

        var view = services.GetRequiredService<ICompositeViewEngine>()
            .GetView(executingFilePath: null, "/Features/Authorize/_ConsentScreen.cshtml", isMainPage: false)
            .EnsureSuccessful(originalLocations: null).View!;
        var viewData = new ViewDataDictionary<ConsentScreen>(services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary())
        {
            Model = screen,
        };
        var tempData = new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>());
        await using var writer = new StringWriter();
        await view.RenderAsync(new ViewContext(action, view, viewData, tempData, writer, new HtmlHelperOptions()));
        return writer.ToString();
    }

    public void Dispose() => _factory.Dispose();
}
