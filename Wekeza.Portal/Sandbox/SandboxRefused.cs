using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Sandbox;

/// <summary>
/// A sandbox rule refused the control (the API's 409): the payment cannot move that way, the consent is already
/// final, the account takes no transactions, payments are still in process so the sandbox cannot reset. Not a race:
/// trying again changes nothing until the developer does something, which <see cref="Message"/> says.
/// </summary>
/// <param name="Code">The problem's stable code (<c>sandbox_payments_in_flight</c>…).</param>
/// <param name="PaymentIds">For a refused reset, the payments still in process; otherwise empty.</param>
public sealed record SandboxRefused<T>(string Code, string Message, IReadOnlyList<string> PaymentIds) : ApiResult<T>;
