namespace Wekeza.Portal.Console;

/// <summary>
/// One call the console made on the developer's behalf, as a row: what was called, its answer and time, what it came
/// to in words, and the curl that does the same.
/// </summary>
public sealed record ConsoleStep(string Title, string Call, ConsoleResponse Response, bool Succeeded, string Outcome, string Curl)
{
    public string Status => Response.Status;

    public long ElapsedMs => Response.ElapsedMs;
}
