namespace Wekeza.Portal.Tests.Console;

/// <summary>A small OpenAPI 3.1 document shaped as ASP.NET Core writes the API's (nullable oneOf, refs, group parameters left out).</summary>
public static class OpenApiDocuments
{
    public const string Small = """
        {
          "openapi": "3.1.1",
          "info": { "title": "Wekeza Open Platform API", "version": "v1" },
          "paths": {
            "/v1/accounts": {
              "get": { "tags": ["Accounts"], "summary": "List the accounts the customer shared", "operationId": "ListAccounts", "responses": {} }
            },
            "/v1/accounts/{accountId}/transactions": {
              "get": {
                "tags": ["Accounts"], "summary": "An account's transactions",
                "parameters": [
                  { "name": "accountId", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "$ref": "#/components/parameters/Limit" },
                  { "name": "cursor", "in": "query", "schema": { "type": "string" } }
                ],
                "responses": {}
              }
            },
            "/v1/payments": {
              "post": {
                "tags": ["Payments"], "summary": "Submit a payment (needs an Idempotency-Key)", "operationId": "CreatePayment",
                "parameters": [ { "name": "Idempotency-Key", "in": "header", "schema": { "type": "string" } } ],
                "requestBody": { "content": { "application/json": { "schema": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/CreatePaymentRequest" } ] } } } },
                "responses": {}
              }
            },
            "/v1/webhook-endpoints/{endpointId}/rotate-secret": {
              "post": {
                "tags": ["Webhooks"], "summary": "Replace the signing secret",
                "parameters": [ { "name": "endpointId", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RotateWebhookSecretRequest" } } } },
                "responses": {}
              }
            },
            "/v1/events": {
              "get": { "tags": ["Events"], "summary": "The app's events", "responses": {} },
              "post": {
                "tags": ["Events"], "summary": "An operation with an example",
                "requestBody": { "content": { "application/json": { "example": { "type": "webhook.test" } } } },
                "responses": {}
              }
            },
            "/v1/apps/{clientId}/webhook-endpoints": {
              "get": { "tags": ["Webhooks"], "summary": "The developer's path", "responses": {} }
            },
            "/v1/sandbox/{kind}/things": {
              "get": { "tags": ["Sandbox"], "summary": "A route group's parameter the document leaves out", "responses": {} }
            },
            "/v1/me/consents": { "get": { "tags": ["My consents"], "responses": {} } },
            "/v1/admin/consents": { "get": { "tags": ["Administration"], "responses": {} } }
          },
          "components": {
            "parameters": {
              "Limit": { "name": "limit", "in": "query", "description": "Page size, 1 to 100; default 50.", "schema": { "type": "string" } }
            },
            "schemas": {
              "CreatePaymentRequest": {
                "required": ["consentId", "initiation"], "type": "object",
                "properties": {
                  "consentId": { "type": ["null", "string"] },
                  "initiation": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/InitiationRequest" } ] }
                }
              },
              "InitiationRequest": {
                "type": "object",
                "properties": {
                  "instructedAmount": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/InstructedAmountRequest" } ] },
                  "creditorName": { "type": ["null", "string"] },
                  "next": { "$ref": "#/components/schemas/InitiationRequest" }
                }
              },
              "InstructedAmountRequest": {
                "type": "object",
                "properties": { "amount": { "$ref": "#/components/schemas/JsonElement" }, "currency": { "type": ["null", "string"] } }
              },
              "JsonElement": {},
              "RotateWebhookSecretRequest": {
                "type": "object",
                "properties": {
                  "overlapHours": { "pattern": "^-?(?:0|[1-9]\\d*)$", "type": ["null", "integer", "string"], "format": "int32" },
                  "until": { "type": ["null", "string"], "format": "date-time" },
                  "enabled": { "type": "boolean" },
                  "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b"] } }
                }
              }
            }
          }
        }
        """;
}
