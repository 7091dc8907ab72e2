using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class MarketCommandTests(BotFixture fixture)
{
    [Fact]
    public async Task Help_ListsTheCommandsOfTheRole()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var viewer = (await kit.SayAsync(await kit.LinkedChatAsync(UserRole.Viewer), "/help")).Text;
        var admin = (await kit.SayAsync(await kit.LinkedChatAsync(UserRole.Admin), "/help")).Text;

        Assert.StartsWith("Commands for a viewer:\n/help: ", viewer);
        Assert.StartsWith("Commands for an admin:\n/help: ", admin);
        Assert.Contains("/price EURUSD", viewer);
        Assert.DoesNotContain("/buy", viewer);
        Assert.Contains("/buy EURUSD 0.1", admin);
        Assert.Contains("/killswitch", admin);
    }

    [Fact]
    public async Task Status_TellsKillSwitchesAndFeeds_AndRefreshEditsInPlace()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        await kit.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).ReportAsync(new FeedHealth(
            "feed-x", "replay", "test", ["EURUSD"], 12, 345, 1, new Dictionary<string, long>(), null, null, DateTimeOffset.UtcNow));

        var status = await kit.SayAsync(chat, "/status");

        Assert.StartsWith("Platform status at ", status.Text);
        Assert.Contains($"{kit.Tenant} off", status.Text);
        Assert.Contains("Feed feed-x (replay): 12 ticks/s, 1 symbols, 345 ticks", status.Text);
        Assert.Equal(["rf:status"], status.Buttons);

        await kit.Grains.GetGrain<Plan2.Abstractions.Trading.IKillSwitchGrain>(kit.Tenant).SetAsync(true, Plan2.Abstractions.Trading.Actor.User("alice"));
        var edit = await kit.PressAsync(chat, status, "rf:status");

        Assert.Equal(status.SentMessageId, edit.MessageId);
        Assert.Contains($"{kit.Tenant} ENGAGED", edit.Text);
        Assert.Equal(["rf:status"], edit.Buttons);
    }

    [Fact]
    public async Task Price_AnswersTheLastQuote_AndExplainsBadArguments()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        await kit.QuoteAsync("GBPUSD", 1.25000m, 1.25012m);

        Assert.StartsWith("GBPUSD: bid 1.25 ask 1.25012 (spread 0.00012) at ", (await kit.SayAsync(chat, "/price gbpusd")).Text);
        Assert.Equal("⚠️ Name a symbol, e.g. EURUSD.\nUsage: /price EURUSD", (await kit.SayAsync(chat, "/price")).Text);
        Assert.StartsWith("⚠️ '12' is not a symbol", (await kit.SayAsync(chat, "/price 12")).Text);
        Assert.StartsWith("No quote for ZZZZZZ", (await kit.SayAsync(chat, "/price ZZZZZZ")).Text);
    }

    [Fact]
    public async Task Chart_SendsAPicture_OfTheCandles()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        var symbol = NewSymbol();
        await Bars.PublishAsync(kit.Grains.GetGrain<IInstrumentGrain>(symbol), symbol, Bars.StartOfYesterday(), 0, 40, new Random(3), [1.1]);

        var reply = await kit.SayAsync(chat, $"/chart {symbol} M1");

        Assert.Equal("sendPhoto", reply.Method);
        Assert.StartsWith($"{symbol} M1, 39 bars, last close ", reply.Text);
        var png = Convert.FromBase64String(reply.Fields["photo"]!.ToString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, $"a chart of 39 candles should not be {png.Length} bytes");
        Assert.StartsWith("⚠️ 'W1' is not a timeframe", (await kit.SayAsync(chat, $"/chart {symbol} W1")).Text);
    }

    [Fact]
    public async Task Predict_ShowsDirectionProbabilityVotesAndBaselines()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        var symbol = NewSymbol();
        Assert.StartsWith($"No prediction for {symbol} M1 yet", (await kit.SayAsync(chat, $"/predict {symbol}")).Text);
        var predictor = kit.Grains.GetGrain<IPredictorGrain>($"{symbol}/M1");
        await predictor.StartAsync();
        await Bars.PublishAsync(kit.Grains.GetGrain<IInstrumentGrain>(symbol), symbol, Bars.StartOfYesterday(), 0, 100, new Random(5), [1.1]);
        for (var i = 0; i < 200 && (await predictor.GetRecentAsync(1)).Count == 0; i++)
            await Task.Delay(50);

        var reply = (await kit.SayAsync(chat, $"/predict {symbol} M1")).Text;

        Assert.Matches($@"^{symbol} M1 next bar: (UP ▲|DOWN ▼)\nP\(up\) 0\.\d{{3}}, confidence \d\.\d\d, regime \w+", reply);
        foreach (var model in new[] { "lightgbm", "lstm", "random_forest", "transformer", "xgboost" })
            Assert.Contains(model, reply);
        Assert.Contains("Live accuracy: ensemble", reply);
    }

    [Fact]
    public async Task UnknownCommand_SaysSo()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);

        Assert.Equal("I do not know /moon. Send /help for the commands.", (await kit.SayAsync(chat, "/moon")).Text);
    }

    private static string NewSymbol() => "T" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
}
