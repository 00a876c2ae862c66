namespace Wekeza.Portal.Platform;

/// <summary>What a call to one of the platform's APIs came to, in the terms the pages act on.</summary>
public abstract record ApiResult<T>
{
    public sealed record Success(T Value) : ApiResult<T>;

    /// <summary>A validation problem: messages per field, keyed as the API keys them ("name", "redirectUris[0]").</summary>
    public sealed record Invalid(FieldErrors Errors) : ApiResult<T>;

    /// <summary>No such thing, or someone else's (the APIs do not say which).</summary>
    public sealed record NotFound : ApiResult<T>;

    /// <summary>The session is over; the browser is already on its way to sign in.</summary>
    public sealed record SignInRequired : ApiResult<T>;

    /// <summary>Anything else (forbidden, a service down, a bug): a message a person can read.</summary>
    public sealed record Failed(string Message) : ApiResult<T>;
}

/// <summary>The API's answer to a call that returns nothing.</summary>
public readonly record struct Done;
