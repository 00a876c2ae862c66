namespace Wekeza.ServiceDefaults;

/// <summary>Names every service's own meters and activity sources start with, so the defaults export them.</summary>
public static class WekezaTelemetry
{
    public const string MeterName = "Wekeza";

    /// <summary>Each service's business meter (<c>Wekeza.Auth</c>, <c>Wekeza.Api</c>, <c>Wekeza.Workers</c>) starts with this.</summary>
    public const string MeterPrefix = "Wekeza.";
    public const string ActivitySourcePrefix = "Wekeza.";
}
