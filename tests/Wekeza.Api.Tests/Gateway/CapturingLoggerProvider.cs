using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>Every log entry the app writes, with its category, level, rendered message, structured fields and exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception)
    {
        /// <summary>Everything that reaches a sink: the message, each field, and the exception with its inner ones.</summary>
        public string AllText => $"{Message} {string.Join(" ", Fields.Select(f => $"{f.Key}={f.Value}"))} {Exception}";
    }

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                : new Dictionary<string, object?>();
            provider.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), fields, exception));
        }
    }
}
