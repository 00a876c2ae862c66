namespace Wekeza.Portal.Console;

/// <summary>What the console says when something did not work: the service's own code and words, and what to do.</summary>
public static class ConsoleWords
{
    public static string TokenRefused(string what, ConsoleResponse response, OAuthError? error)
    {
        if (!response.Answered)
        {
            return $"Could not {what}: {response.TransportError}";
        }

        return error?.Error switch
        {
            "invalid_client" => $"Auth refused the client secret (invalid_client{Described(error)}). Check that you pasted the whole " +
                "secret; a lost secret can be rotated on the app's page.",
            "invalid_scope" => $"Auth refused the scopes (invalid_scope{Described(error)}).",
            "invalid_grant" => $"Auth refused the grant (invalid_grant{Described(error)}). The code or refresh token is used up or " +
                "expired: authorise again.",
            null => $"Could not {what}: auth answered {response.Status}.",
            _ => $"Could not {what}: auth answered {response.Status}, {error.Words}.",
        };
    }

    /// <summary>An API call that did not succeed, in words with the problem's code and detail.</summary>
    public static string ApiRefused(string what, ConsoleResponse response)
    {
        if (!response.Answered)
        {
            return $"Could not {what}: {response.TransportError}";
        }

        return response.Problem is { } problem
            ? $"Could not {what}: the API answered {problem.Words}"
            : $"Could not {what}: the API answered {response.Status}.";
    }

    private static string Described(OAuthError error) => error.Description is { Length: > 0 } description ? $": {description}" : "";
}
