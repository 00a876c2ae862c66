namespace Wekeza.ServiceDefaults;

/// <summary>Names every service's own meters and activity sources start with, so the defaults export them.</summary>
public static class WekezaTelemetry
{
    public const string MeterName = "Wekeza";
    public const string ActivitySourcePrefix = "Wekeza.";
}
