using System.Text.Json;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Portal.Console;

/// <summary>A test customer's account, as <c>GET /v1/sandbox/customers</c> lists it.</summary>
public sealed record TestAccount(string AccountId, string Number, string Name, string Kind, string Currency, string Balance, string Status)
{
    public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

    public string Label => $"{Name} {Number} ({Currency} {Balance})";
}

/// <summary>A sandbox test customer the console can authorise as; <see cref="Accounts"/> is empty when the list was not available.</summary>
public sealed record TestCustomer(string Handle, string Name, string? Persona, IReadOnlyList<TestAccount> Accounts)
{
    /// <summary>The sandbox's test customers without their accounts: what the console offers when the API cannot list them.</summary>
    public static IReadOnlyList<TestCustomer> Known { get; } =
        [.. TestCustomers.All.Select(persona => new TestCustomer(persona.Handle, persona.Name, persona.Kind, []))];

    /// <summary>The first active account in <paramref name="currency"/>, or null.</summary>
    public TestAccount? FirstActive(string currency) => Accounts.FirstOrDefault(account =>
        account.IsActive && string.Equals(account.Currency, currency, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The customers in <c>{ "data": [ { "handle", "name", "persona", "accounts": [ … ] } ] }</c>; null when the body is
    /// not that shape. Passwords in the list are not kept: the console never signs in as a person.
    /// </summary>
    public static IReadOnlyList<TestCustomer>? ReadList(string body)
    {
        if (ConsoleJson.TryParse(body) is not { ValueKind: JsonValueKind.Object } json
            || !json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var customers = new List<TestCustomer>();
        foreach (var item in data.EnumerateArray())
        {
            if (ConsoleJson.String(item, "handle") is not { Length: > 0 } handle)
            {
                continue;
            }

            var accounts = item.TryGetProperty("accounts", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray()
                    .Where(account => ConsoleJson.String(account, "accountId") is not null)
                    .Select(account => new TestAccount(ConsoleJson.String(account, "accountId")!, Text(account, "number"), Text(account, "name"),
                        Text(account, "kind"), Text(account, "currency"), Text(account, "balance"), Text(account, "status")))
                    .ToList()
                : [];
            customers.Add(new TestCustomer(handle, ConsoleJson.String(item, "name") ?? handle, ConsoleJson.String(item, "persona"), accounts));
        }

        return customers.Count > 0 ? customers : null;
    }

    private static string Text(JsonElement item, string name) => ConsoleJson.String(item, name) ?? "";
}
