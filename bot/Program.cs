using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Hosting;
using Plan2.Telegram;

// The Telegram bot as its own service: a client of silos found through Redis (Plan2__Mode is Cluster here),
// with Telegram__BotToken. Without a token there is nothing to run: it says so and exits 0, so a supervisor
// that restarts on failure does not loop. Configuration: README.md.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Configuration["Plan2:Mode"] = nameof(HostingMode.Cluster);
if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.Section}:BotToken"]))
{
    Console.Error.WriteLine("Plan2 bot: Telegram bot is off: no Telegram__BotToken configured; nothing to run.");
    return 0;
}
var options = builder.AddPlan2Client(); // first: hosted services start in order, and the bot's need a connected client
builder.AddPlan2Telegram();
using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (ClusterUnavailableException e)
{
    Console.Error.WriteLine($"Plan2 bot could not reach the cluster: {e.Message}");
    return 2;
}
Console.WriteLine($"Plan2 bot up: client of cluster '{options.ClusterId}'");
await host.WaitForShutdownAsync();
return 0;
