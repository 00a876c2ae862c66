using System.Text;
using System.Text.Json.Nodes;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>One request of the flood: an attack on one place of one operation, sent as <see cref="Caller"/>.</summary>
public sealed record FloodRequest(ApiOperation Operation, string Attack, CallerKind Caller, bool MayAccept, Func<FloodApp, HttpRequestMessage> Build)
{
    /// <summary>
    /// The HTTP server refuses the request before any of our code runs (a NUL in the path): its bare 400 cannot be
    /// problem+json, and is accepted as such; a 5xx or a 2xx still is not.
    /// </summary>
    public bool RefusedByServer => Attack.StartsWith("path ", StringComparison.Ordinal) && Attack.EndsWith(":nul", StringComparison.Ordinal);

    /// <summary>The app whose resources the request aims at and (for an app's or a customer's token) whose budget it spends.</summary>
    public FloodApp App { get; set; } = null!;

    public override string ToString() => $"{Operation} [{Attack}] as {Caller}";
}

/// <summary>Every attack on every place of an operation: its body, each path and query parameter, each string field of its body.</summary>
public static class FloodPlan
{
    public static IEnumerable<FloodRequest> For(ApiOperation operation, CallerKind caller, FloodCallers callers)
    {
        var template = operation.Body is null ? null : Prepared(operation.Body, caller, callers);
        FloodRequest Request(string attack, bool mayAccept, Func<FloodApp, string> path, Func<HttpContent?> content, (string, string)? header = null) =>
            new(operation, attack, caller, mayAccept, app =>
            {
                var message = new HttpRequestMessage(new HttpMethod(operation.Method), path(app)) { Content = content() };
                message.Headers.Authorization = new("Bearer", callers.TokenOf(caller, app));
                if (operation.Method == "POST")
                {
                    message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                }

                if (header is var (name, value))
                {
                    message.Headers.Remove(name);
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                return message;
            });
        Func<HttpContent?> validBody = template is null ? () => null : () => new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json");

        if (template is null)
        {
            // An operation that reads no body ignores one, except that the gateway refuses any body over the limit.
            yield return Request("over-1-MiB", false, app => Path(operation, app, callers),
                () => new ByteArrayContent(new byte[Attacks.MaxBodyBytes + 1]) { Headers = { ContentType = new("application/json") } });
        }
        else
        {
            foreach (var (name, content) in Attacks.Bodies(template))
            {
                // A body the operation may go without: no body at all (empty, or JSON null) is taken as none.
                var optional = !operation.BodyRequired && name is "empty" or "null";
                yield return Request($"body:{name}", optional, app => Path(operation, app, callers), content);
            }
        }

        foreach (var parameter in operation.PathParameters)
        {
            foreach (var (name, value) in Attacks.Injections)
            {
                yield return Request($"path {parameter}:{name}", false, app => Path(operation, app, callers, parameter, Uri.EscapeDataString(value)), validBody);
            }

            yield return Request($"path {parameter}:invalid-utf8", false, app => Path(operation, app, callers, parameter, Attacks.InvalidUtf8InUrl), validBody);
        }

        foreach (var parameter in operation.QueryParameters)
        {
            foreach (var (name, value) in Attacks.Injections.Append(("invalid-utf8", "")))
            {
                var encoded = name == "invalid-utf8" ? Attacks.InvalidUtf8InUrl : Uri.EscapeDataString(value);
                yield return Request($"query {parameter}:{name}", true, app => $"{Path(operation, app, callers)}?{parameter}={encoded}", validBody);
            }
        }

        foreach (var parameter in operation.HeaderParameters)
        {
            // The client refuses to send control characters or non-ASCII in a header: only what a client can send.
            foreach (var (name, value) in Attacks.Injections.Where(i => i.Value.All(c => c is >= ' ' and <= '~')))
            {
                yield return Request($"header {parameter}:{name}", true, app => Path(operation, app, callers), validBody, (parameter, value));
            }
        }

        if (template is not null)
        {
            foreach (var field in operation.BodyStringFields)
            {
                var fieldName = string.Join(".", field);
                foreach (var (name, value) in Attacks.Injections.Append(("very-long", Attacks.VeryLong)))
                {
                    var attacked = Attacks.With(template, field, value).ToJsonString();
                    yield return Request($"body {fieldName}:{name}", true, app => Path(operation, app, callers),
                        () => new StringContent(attacked, Encoding.UTF8, "application/json"));
                }
            }
        }
    }

    /// <summary>The example body aimed at the caller's own resources, so that attacks on its fields get past the lookups.</summary>
    private static JsonObject Prepared(JsonObject body, CallerKind caller, FloodCallers callers)
    {
        var copy = (JsonObject)body.DeepClone();
        if (caller == CallerKind.CustomerPayment && copy.ContainsKey("consentId"))
        {
            copy["consentId"] = callers.CustomerApp.PaymentConsentId;
        }

        return copy;
    }

    /// <summary>The operation's path with its parameters filled in: the app's real resources, or the attack in one of them.</summary>
    public static string Path(ApiOperation operation, FloodApp app, FloodCallers callers, string? attacked = null, string? attack = null)
    {
        var path = operation.Template;
        foreach (var parameter in operation.PathParameters)
        {
            var value = parameter == attacked ? attack! : Uri.EscapeDataString(ValueOf(operation, parameter, app, callers));
            path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static string ValueOf(ApiOperation operation, string parameter, FloodApp app, FloodCallers callers) => parameter switch
    {
        "clientId" => app.App.ClientId,
        "accountId" => callers.AccountId,
        "consentId" when operation.Template.Contains("payment-consents", StringComparison.Ordinal) => app.PaymentConsentId,
        "consentId" => app.ConsentId,
        "endpointId" => app.EndpointId,
        "key" => Guid.NewGuid().ToString(),
        _ => $"{parameter}_flood{Guid.NewGuid():N}"[..24],
    };
}
