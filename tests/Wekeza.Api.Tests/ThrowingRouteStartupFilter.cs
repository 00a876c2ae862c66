using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Wekeza.Api.Tests;

/// <summary>
/// Adds <see cref="Path"/> after the app's whole pipeline: a request no endpoint matched falls through to it, so
/// it throws inside the app's exception handler, as a bug in an endpoint would.
/// </summary>
internal sealed class ThrowingRouteStartupFilter : IStartupFilter
{
    public const string Path = "/__test/throw";
    public const string SecretMessage = "connection string Password=hunter2 leaked";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException(SecretMessage)));
    };
}
