namespace Wekeza.Portal.Platform;

/// <summary>Validation messages per field, whether the form found them or the API did; keys ignore case.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.OrdinalIgnoreCase);

    public FieldErrors()
    {
    }

    public FieldErrors(IEnumerable<KeyValuePair<string, string[]>> messages)
    {
        foreach (var (field, fieldMessages) in messages)
        {
            foreach (var message in fieldMessages)
            {
                Add(field, message);
            }
        }
    }

    public static FieldErrors None { get; } = new();

    public bool IsEmpty => _messages.Count == 0;

    public IEnumerable<string> Fields => _messages.Keys;

    public void Add(string field, string message)
    {
        if (!_messages.TryGetValue(field, out var messages))
        {
            _messages[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Has(string field) => _messages.ContainsKey(field);

    /// <summary>The field's messages as one line, or null: what MudBlazor's ErrorText wants.</summary>
    public string? For(string field) => _messages.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
