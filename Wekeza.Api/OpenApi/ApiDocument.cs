using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Wekeza.Api.OpenApi;

/// <summary>
/// The published contract at /openapi/v1.json: title, version, the bearer scheme that every operation behind
/// authorization lists as its security requirement (so generated clients and the docs page send the token), the
/// webhooks an app's endpoints receive (<see cref="WebhooksDocument"/>), and examples of the bodies every operation
/// reads and writes (<see cref="OperationExamples"/>).
/// </summary>
internal static class ApiDocument
{
    public const string Name = "v1";
    public const string Title = "Wekeza Open Platform API";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = Title,
                    Version = Name,
                    Description = "Open Banking for Wekeza: accounts, balances, transactions and payments, with the customer's consent.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from the Wekeza authorization server.",
                };
                return Task.CompletedTask;
            });

            options.AddDocumentTransformer<WebhooksDocument>();
            options.AddOperationTransformer<OperationExamples>();
            options.AddOperationTransformer<DeprecatedOperations>();

            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
        });
}
