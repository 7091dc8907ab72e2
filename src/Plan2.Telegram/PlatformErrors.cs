using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Telegram;

namespace Plan2.Telegram;

/// <summary>
/// Error-level log entries of this process, queued for the admins' "platform errors" notification.
/// Logging never waits on it: entries go into a bounded channel and the oldest are dropped when full.
/// The bot's own categories are left out, so a Telegram outage cannot feed on itself.
/// </summary>
public sealed class PlatformErrorLog : ILoggerProvider
{
    private readonly Channel<(string Category, string Message)> _errors =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

    public ChannelReader<(string Category, string Message)> Errors => _errors.Reader;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() => _errors.Writer.TryComplete();

    private sealed class Logger(string category, PlatformErrorLog owner) : ILogger
    {
        private readonly bool _ignored = category.StartsWith("Plan2.Telegram", StringComparison.Ordinal) || category.StartsWith("Telegram", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => !_ignored && logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner._errors.Writer.TryWrite((category, formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")));
        }
    }
}

/// <summary>Tells every tenant's admins of platform errors, at most one per category per <see cref="PerCategory"/>.</summary>
public sealed class PlatformErrorForwarder(PlatformErrorLog log, IGrainFactory grains, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan PerCategory = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastTold = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (category, message) in log.Errors.ReadAllAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            if (_lastTold.TryGetValue(category, out var last) && now - last < PerCategory)
                continue;
            _lastTold[category] = now;
            try
            {
                var links = await grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(null);
                var text = $"🚨 Platform error in {category}: {(message.Length > 500 ? message[..500] + "…" : message)}";
                await Task.WhenAll(links.Where(l => l.ModeFor(NotificationKind.PlatformErrors) != NotificationMode.Off).Select(l => l.Tenant).Distinct()
                    .Select(t => grains.GetGrain<INotificationGrain>(t).NotifyAsync(NotificationKind.PlatformErrors, text)));
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster is unreachable: the error is in the log already, and we must not log from here.
            }
        }
    }
}
