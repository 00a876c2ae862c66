namespace Wekeza.Api.Gateway.Metering;

/// <summary>Section <c>Metering</c>: the per-call usage records (docs/architecture.md, "Metering").</summary>
internal sealed class MeteringOptions
{
    public const string Section = "Metering";

    /// <summary>Off: no record is made (the gateway benchmark measures the pipeline with and without it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Records held in memory between flushes; past this, new records are dropped and counted.</summary>
    public int Capacity { get; set; } = 20_000;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Records per COPY.</summary>
    public int BatchSize { get; set; } = 5_000;
}
