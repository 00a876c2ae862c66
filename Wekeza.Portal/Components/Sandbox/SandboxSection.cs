using Microsoft.AspNetCore.Components;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Components.Sandbox;

/// <summary>
/// What every sandbox control on the page shares: the app it acts on, the call in flight, and what went wrong last
/// (field messages under their fields, anything else in one message).
/// </summary>
public abstract class SandboxSection : ComponentBase
{
    [Inject] protected ISandboxClient Sandbox { get; set; } = default!;

    /// <summary>The app's client id: the API's developer path is keyed by it.</summary>
    [Parameter, EditorRequired] public string ClientId { get; set; } = "";

    /// <summary>What a 404 means for a control that names nothing but the app.</summary>
    protected const string AppGone = "This app no longer exists.";

    protected FieldErrors Errors { get; set; } = FieldErrors.None;

    protected string? Error { get; set; }

    protected bool Busy { get; private set; }

    /// <summary>
    /// Makes the call with the last outcome cleared; anything but success leaves its words in <see cref="Errors"/> or
    /// <see cref="Error"/> (<paramref name="notFound"/> for a 404), and the result is returned for the rest.
    /// </summary>
    protected async Task<ApiResult<T>> CallAsync<T>(Func<Task<ApiResult<T>>> call, string notFound)
    {
        (Errors, Error, Busy) = (FieldErrors.None, null, true);
        try
        {
            var result = await call();
            switch (result)
            {
                case ApiResult<T>.Invalid(var errors):
                    Errors = errors;
                    break;
                case ApiResult<T>.NotFound:
                    Error = notFound;
                    break;
                case SandboxRefused<T> refused:
                    Error = refused.Message;
                    break;
                case ApiResult<T>.Failed(var message):
                    Error = message;
                    break;
            }

            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Checks the form's own rules first: false (and the messages shown) when they fail.</summary>
    protected bool Passes(FieldErrors errors)
    {
        (Errors, Error) = (errors, null);
        return errors.IsEmpty;
    }

    /// <summary>An optional field as the API wants it: left out when blank.</summary>
    protected static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Messages for fields this form has no place for (a rule the portal does not know yet): never lost.</summary>
    protected IEnumerable<string> Unplaced(params string[] placed) =>
        Errors.Fields.Where(field => !placed.Contains(field, StringComparer.OrdinalIgnoreCase)).Select(field => Errors.For(field)!);
}
