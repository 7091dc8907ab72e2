using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Telegram.Tests;
using Plan2.Tests.Shared;

namespace Plan2.Integration.Tests.Processes;

/// <summary>
/// The standalone bot (bot/, Plan2.Bot) as an operator runs it: its own process, a client of a silo process found
/// through Redis (state in PostgreSQL), talking to a local Bot API server through Telegram__ApiBaseUrl.
/// </summary>
public sealed class BotProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BotProcess_AgainstASiloProcess_LinksAChat_AndAnswersPriceAndStatus()
    {
        var clusterId = "bot-" + Guid.NewGuid().ToString("n")[..8];
        var db = await TestServices.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        await api.StartAsync();
        try
        {
            var cluster = new Dictionary<string, string>
            {
                ["Plan2__Mode"] = "Cluster",
                ["Plan2__ClusterId"] = clusterId,
                ["Plan2__ServiceId"] = clusterId,
                ["ConnectionStrings__Redis"] = TestServices.Redis,
                ["ConnectionStrings__Postgres"] = db,
            };
            var gatewayPort = FreePort.Next();
            await using var silo = ChildProcess.Start(RepoPaths.SiloDll, new Dictionary<string, string>(cluster)
            {
                ["Plan2__SiloPort"] = FreePort.Next().ToString(),
                ["Plan2__GatewayPort"] = gatewayPort.ToString(),
                ["Plan2__DataDir"] = TestFolders.Create("plan2-bot-silo-"),
                ["Plan2__Bridge__Port"] = "0",
                ["Plan2__Replay__Enabled"] = "false",
            });
            await silo.WaitForOutputAsync("Plan2 silo up", StartTimeout);
            var mark = api.CallCount;
            await using var bot = ChildProcess.Start(RepoPaths.BotDll, new Dictionary<string, string>(cluster)
            {
                ["Telegram__BotToken"] = "123456:TEST-TOKEN",
                ["Telegram__ApiBaseUrl"] = api.BaseUrl,
                ["Telegram__PollTimeout"] = "00:00:02",
            });
            await bot.WaitForOutputAsync("Plan2 bot up: client of cluster '" + clusterId + "'", StartTimeout);
            await api.WaitForAsync(mark, c => c.Method == "setMyCommands", AnswerTimeout); // it has introduced itself

            // What the dashboard would do: a tenant, a link code for one of its users, a quote from the feed.
            await using var platform = await GatewayClient.ConnectAsync(clusterId, gatewayPort);
            var grains = platform.Client;
            await grains.GetGrain<ITenantGrain>("acme").CreateAsync(new CreateTenant("Acme", "alice"));
            var code = await grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync("acme", "alice", UserRole.Viewer);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", 1, [now], [1.10000], [1.10012], Record: false));

            const long chat = 7_000_001;
            Assert.StartsWith("Linked", (await SayAsync(api, chat, "/start " + code.Code)).Text);
            var price = await SayAsync(api, chat, "/price EURUSD");
            var status = await SayAsync(api, chat, "/status");

            Assert.StartsWith("EURUSD: bid 1.1 ask 1.10012 (spread 0.00012) at ", price.Text);
            Assert.StartsWith("Platform status at ", status.Text);
            Assert.Contains("Kill switch: platform off, acme off", status.Text);
            Assert.Equal(["rf:status"], status.Buttons);
            Assert.False(bot.HasExited, bot.Output);
        }
        finally
        {
            await TestServices.DropDatabaseAsync(db);
        }
    }

    /// <summary>A message from the chat, and the bot's next message to it.</summary>
    private static async Task<BotCall> SayAsync(FakeBotApi api, long chat, string text)
    {
        var mark = api.CallCount;
        api.PushText(chat, text);
        return await api.WaitForAsync(mark, c => c.ChatId == chat && c.Method is "sendMessage" or "sendPhoto", AnswerTimeout);
    }
}
