namespace Wekeza.Portal.Sandbox;

/// <summary>The field names of the sandbox API's validation errors, and of the ids the forms take for the path.</summary>
public static class SandboxFields
{
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string PayerName = "payerName";
    public const string Reference = "reference";
    public const string Type = "type";
    public const string Subject = "subject";
    public const string Status = "status";
    public const string ReasonCode = "reasonCode";
    public const string Seconds = "seconds";

    // Path segments, not body members: only the forms check them.
    public const string AccountId = "accountId";
    public const string PaymentId = "paymentId";
    public const string ConsentId = "consentId";
}
