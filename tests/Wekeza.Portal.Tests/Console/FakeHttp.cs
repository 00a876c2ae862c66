using System.Net;
using System.Text;

namespace Wekeza.Portal.Tests.Console;

/// <summary>
/// An HTTP handler standing in for auth and the API: answers by method and path as the test says (the route added
/// last wins, so a test can override one), and records every request with its body.
/// </summary>
public sealed class FakeHttp : HttpMessageHandler
{
    private readonly List<(string Method, string Path, Func<Sent, HttpResponseMessage> Respond)> _routes = [];

    public List<Sent> Requests { get; } = [];

    public FakeHttp On(string method, string path, Func<Sent, HttpResponseMessage> respond)
    {
        _routes.Add((method, path, respond));
        return this;
    }

    public FakeHttp On(string method, string path, HttpStatusCode status, string body) =>
        On(method, path, _ => Json(status, body));

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found) { Content = new StringContent("") };
        response.Headers.Location = new Uri(location);
        return response;
    }

    /// <summary>The requests to this path, in order.</summary>
    public IReadOnlyList<Sent> To(string method, string path) =>
        [.. Requests.Where(request => request.Method == method && request.Path == path)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = new Sent(request.Method.Method, request.RequestUri!, body,
            request.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ContentType?.ToString());
        Requests.Add(sent);
        var route = _routes.LastOrDefault(route => route.Method == sent.Method && route.Path == sent.Path);
        var response = route.Respond is null ? Json(HttpStatusCode.NotFound, """{"title":"Not found","code":"not_found"}""") : route.Respond(sent);
        response.RequestMessage = request;
        return response;
    }

    public sealed record Sent(string Method, Uri Uri, string? Body, IReadOnlyDictionary<string, string> Headers, string? ContentType)
    {
        public string Path => Uri.AbsolutePath;

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public Dictionary<string, string> Query => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Uri.Query)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

        public Dictionary<string, string> Form => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body ?? "")
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }
}
