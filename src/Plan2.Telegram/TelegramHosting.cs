using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Telegram.Commands;
using Telegram.Bot;

namespace Plan2.Telegram;

public static class TelegramHosting
{
    /// <summary>
    /// Hosts the Telegram bot in this process (an Orleans client: it needs IGrainFactory) when
    /// Telegram:BotToken is set; otherwise registers only its status and logs that it is off.
    /// Telegram:ApiBaseUrl points it at a self-hosted or test Bot API server.
    /// </summary>
    public static TelegramOptions AddPlan2Telegram(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        var status = new TelegramBotStatus();
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            builder.Services.AddHostedService(sp => new BotOffNotice(sp.GetRequiredService<ILogger<TelegramBotStatus>>()));
            return options;
        }
        builder.Services.AddSingleton<ITelegramBotClient>(_ => new TelegramBotClient(
            // RetryCount 0: our sender obeys 429's retry_after itself and keeps the outbox's messages until they land.
            new TelegramBotClientOptions(options.BotToken!, string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 },
            new HttpClient { Timeout = options.PollTimeout + TimeSpan.FromSeconds(30) }));
        builder.Services.TryAddPlan2TelegramDefaults();
        builder.Services.AddSingleton<BotSender>();
        builder.Services.AddSingleton<CommandTable>();
        builder.Services.AddSingleton<UpdateRouter>();
        builder.Services.AddHostedService<TelegramBotService>();
        builder.Services.AddHostedService<OutboxPump>();
        builder.Services.AddHostedService<BotPresenceReporter>();
        // Admins hear of platform errors from ErrorDNA's spike alerts alone (ErrorDnaGrain), queued in the outbox
        // like any notification; the process's own Error logs reach ErrorDNA through its collector (ClientHosting).
        return options;
    }

    private static void TryAddPlan2TelegramDefaults(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private sealed class BotOffNotice(ILogger logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Telegram bot is off: no Telegram__BotToken configured.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
