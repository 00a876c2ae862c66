using System.Text.Json;
using Wekeza.Tests;

namespace Wekeza.Api.Tests;

internal static class Problems
{
    /// <summary>Asserts an RFC 9457 problem with the given status and code, shaped as docs/errors.md promises, and returns its body.</summary>
    public static Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string code) =>
        ProblemShape.AssertAsync(response, status, code);
}
