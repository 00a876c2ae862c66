using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wekeza.Webhooks;

namespace Wekeza.Api.OpenApi;

/// <summary>
/// The document's <c>webhooks</c> (OpenAPI 3.1): one entry per event type an app can receive, the <c>POST</c> Wekeza
/// makes to its endpoint, with the Standard Webhooks headers, the envelope and that type's <c>data</c>, and an example.
/// Nothing in the API's routes describes these requests (the workers make them), so they are written here.
/// </summary>
internal sealed class WebhooksDocument : IOpenApiDocumentTransformer
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>(StringComparer.Ordinal);
        var descriptions = WebhookEventTypes.Catalog.ToDictionary(entry => entry.Type, entry => entry.Description, StringComparer.Ordinal);
        descriptions[WebhookEventTypes.Test] =
            "A test event, sent to one endpoint when its developer asks (POST /v1/webhook-endpoints/{id}/test). Never subscribed to; no sequence.";

        foreach (var (type, description) in descriptions)
        {
            var example = WebhookExamples.ByType[type];
            var data = await DataSchemaAsync(document, context, example.DataType, cancellationToken);
            document.Webhooks[type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "Webhook_" + type,
                        Summary = type,
                        Description = description + "\n\n" + Delivery,
                        Parameters = [Header(IdHeader, IdDescription), Header(TimestampHeader, TimestampDescription), Header(SignatureHeader, SignatureDescription)],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Description = "The event. Verify the signature over these bytes exactly as received, before parsing them.",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new() { Schema = Envelope(type, data), Example = JsonNode.Parse(example.Body) },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = Received },
                            ["default"] = new OpenApiResponse { Description = NotReceived },
                        },
                    },
                },
            };
        }
    }

    private const string Delivery =
        "Delivered at least once (dedupe on webhook-id), signed as Standard Webhooks specifies, and retried with backoff until a 2xx: "
        + "the webhooks guide (docs/webhooks.md) has the schedule, the verification code and the recovery of missed events.";

    private const string Received =
        "Received: answer within 10 seconds. The body is not read beyond its first 1 KB, which the delivery's attempt log keeps.";

    private const string NotReceived =
        "Any other status, a redirect (never followed), or no answer within 10 seconds is a failed attempt, retried on the schedule.";

    private const string IdDescription =
        "The event's id (`evt_…`, the body's `id`): the same on every retry and resend of this event to this endpoint. Handle each id once.";

    private const string TimestampDescription =
        "When this attempt was sent, in Unix seconds (a retry has a new one). Refuse a message more than 5 minutes away from your clock.";

    private const string SignatureDescription =
        "`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part of the endpoint's "
        + "`whsec_…` secret after the prefix. During a secret rotation's overlap two such signatures, separated by a space: accept the message if any one matches.";

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = name == TimestampHeader
            ? new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$" }
            : new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>The envelope, the same for every type: Standard Webhooks' type, timestamp and data, plus id, subject and sequence.</summary>
    private static OpenApiSchema Envelope(string type, IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "id", "type", "timestamp", "subject", "sequence", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The event's id (`evt_…`), equal to the webhook-id header." },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type)], Description = "The event type." },
            ["timestamp"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "date-time", Description = "When it happened, UTC with milliseconds (not when it was sent).",
            },
            ["subject"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The id of the resource the event is about." },
            ["sequence"] = type == WebhookEventTypes.Test
                ? new OpenApiSchema { Type = JsonSchemaType.Null, Description = "Test events are not numbered." }
                : new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1",
                    Description = "This event's number among the subject's events (1, 2, 3… in the order they happened): a gap means one you have not seen yet.",
                },
            ["data"] = data,
        },
    };

    /// <summary>The data's schema as a named component, generated from its record like every other schema in the document.</summary>
    private static async Task<IOpenApiSchema> DataSchemaAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, Type type,
        CancellationToken cancellationToken)
    {
        var name = type.Name;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            // Every property is always present (null where the description says it may be).
            schema.Required = new HashSet<string>(schema.Properties?.Keys ?? [], StringComparer.Ordinal);
            document.AddComponent<IOpenApiSchema>(name, schema);
        }

        return new OpenApiSchemaReference(name, document);
    }
}
