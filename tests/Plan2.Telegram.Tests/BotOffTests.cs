using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Plan2.Tests.Shared;

namespace Plan2.Telegram.Tests;

/// <summary>Without Telegram__BotToken the bot stays off: no Bot API client, one log line that says why, and a status the system page shows.</summary>
public class BotOffTests
{
    [Fact]
    public async Task NoToken_LeavesTheBotOff_AndSaysSoInTheLog()
    {
        // No defaults: a Telegram__BotToken in this machine's environment or an appsettings file must not switch the bot on.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Plan2:DataDir"] = TestFolders.Create("plan2-bot-off-");
        var log = new LogLines();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.AddPlan2Telegram();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Null(host.Services.GetService<ITelegramBotClient>());
        Assert.Contains("Telegram bot is off: no Telegram__BotToken configured.", log.Lines);
        var status = host.Services.GetRequiredService<TelegramBotStatus>();
        Assert.Equal("off", status.State);
        Assert.Contains("Telegram__BotToken", status.Detail);
    }

    private sealed class LogLines : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }
}
