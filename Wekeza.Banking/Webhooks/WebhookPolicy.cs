namespace Wekeza.Banking.Webhooks;

/// <summary>
/// How deliveries are retried and when a failing endpoint is disabled (configuration section <c>Webhooks</c>, read
/// by the workers that deliver and by the API that shows the developer when a failing endpoint will be disabled).
/// The defaults are documented in docs/webhooks.md; the sandbox compresses them so a developer sees the whole
/// schedule in minutes.
/// </summary>
public sealed class WebhookPolicy
{
    public const string Section = "Webhooks";

    /// <summary>
    /// The waits between attempts after the first, production (Svix's schedule, about 27 hours in all). A list of
    /// durations such as <c>5s</c>, <c>30m</c>, <c>2h</c> (a string, so a setting replaces it whole).
    /// </summary>
    public string RetrySchedule { get; set; } = "5s, 5m, 30m, 2h, 5h, 10h, 10h";

    /// <summary>The same schedule for sandbox apps, compressed to about half an hour.</summary>
    public string SandboxRetrySchedule { get; set; } = "1s, 5s, 30s, 2m, 5m, 10m, 10m";

    /// <summary>Each wait is stretched or shrunk at random by up to this share, so retries to one receiver spread out.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>An endpoint whose every delivery failed for this long is disabled (production).</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    public TimeSpan SandboxDisableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A 2xx must arrive within this; anything slower is a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many requests in flight to one endpoint, so a slow one holds only its own share.</summary>
    public int ConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>At most this many requests in flight from one worker process.</summary>
    public int Concurrency { get; set; } = 256;

    /// <summary>Events are kept (and listed by <c>GET /v1/events</c>) this long.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    public IReadOnlyList<TimeSpan> ScheduleFor(bool sandbox) => ParseSchedule(sandbox ? SandboxRetrySchedule : RetrySchedule);

    /// <summary><c>"5s, 5m, 2h"</c> → the durations; units ms, s, m, h, d.</summary>
    public static IReadOnlyList<TimeSpan> ParseSchedule(string schedule) =>
    [
        .. schedule.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var unit = item.TrimStart("0123456789.".ToCharArray());
            var number = double.Parse(item[..^unit.Length], System.Globalization.CultureInfo.InvariantCulture);
            return unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                _ => throw new FormatException($"'{item}' in the webhook retry schedule: use a number and ms, s, m, h or d."),
            };
        }),
    ];

    public TimeSpan DisableAfterFor(bool sandbox) => sandbox ? SandboxDisableAfter : DisableAfter;

    /// <summary>
    /// When attempt number <paramref name="attemptsMade"/>+1 is due, or null when the schedule is exhausted.
    /// <paramref name="random"/> is in [0, 1): 0.5 means no jitter.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, bool sandbox, DateTimeOffset now, double random)
    {
        var schedule = ScheduleFor(sandbox);
        if (attemptsMade < 1 || attemptsMade > schedule.Count)
        {
            return null;
        }

        var wait = schedule[attemptsMade - 1];
        var factor = 1 + Jitter * (2 * random - 1);
        return now + TimeSpan.FromTicks((long)(wait.Ticks * factor));
    }
}
