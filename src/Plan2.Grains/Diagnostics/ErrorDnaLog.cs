using Microsoft.Extensions.Logging;

namespace Plan2.Grains.Diagnostics;

/// <summary>
/// The catch-all: every log entry at Error or above that carries an exception is fingerprinted (web and
/// API unhandled exceptions, Blazor circuits, hosted services, grains that log and swallow). ErrorDNA's
/// own categories are left out, so a failing report cannot feed on itself.
/// </summary>
public sealed class ErrorDnaLog(ErrorDnaCollector collector) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, collector);

    public void Dispose() { }

    private sealed class Logger(string category, ErrorDnaCollector collector) : ILogger
    {
        private readonly bool _ignored = category.StartsWith("Plan2.Grains.Diagnostics", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => !_ignored && logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel))
                collector.Record(exception, "log " + category);
        }
    }
}
