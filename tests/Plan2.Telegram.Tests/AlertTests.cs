using Plan2.Abstractions.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Diagnostics;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class AlertTests(BotFixture fixture)
{
    [Fact]
    public async Task StrongPredictions_ReachChatsThatAskedForThem_AboveTheirThreshold()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var (wants, never, strict) = (await kit.LinkedChatAsync(UserRole.Viewer), await kit.LinkedChatAsync(UserRole.Viewer), await kit.LinkedChatAsync(UserRole.Viewer));
        await kit.SayAsync(wants, "/settings predictions on");
        await kit.SayAsync(wants, "/settings threshold 0");
        await kit.SayAsync(strict, "/settings predictions on");
        await kit.SayAsync(strict, "/settings threshold 1");
        var symbol = "A" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var mark = fixture.Api.CallCount;
        await kit.Grains.GetGrain<IPredictorGrain>($"{symbol}/M1").StartAsync();

        await Bars.PublishAsync(kit.Grains.GetGrain<IInstrumentGrain>(symbol), symbol, Bars.StartOfYesterday(), 0, 95, new Random(8), [1.2]);

        var told = await fixture.Api.WaitForAsync(mark, c => c.ChatId == wants && c.Text.Contains("🔮 Strong prediction: " + symbol + " M1", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Matches(@"P\(up\) 0\.\d{3}, confidence \d\.\d\d, for the bar after ", told.Text);
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => (c.ChatId == never || c.ChatId == strict) && c.Text.Contains(symbol, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDailySummary_ReachesEachUserAsTheyChose()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var (quiet, loud, none) = (await kit.LinkedChatAsync(UserRole.Viewer), await kit.LinkedChatAsync(UserRole.Viewer), await kit.LinkedChatAsync(UserRole.Viewer));
        await kit.SayAsync(loud, "/settings summary on");
        await kit.SayAsync(none, "/settings summary off");
        var mark = fixture.Api.CallCount;

        await kit.Grains.GetGrain<IDailySummaryGrain>(IDailySummaryGrain.Key).RunAsync("main");

        var q = await fixture.Api.WaitForAsync(mark, c => c.ChatId == quiet && c.Text.StartsWith("📋", StringComparison.Ordinal));
        var l = await fixture.Api.WaitForAsync(mark, c => c.ChatId == loud && c.Text.StartsWith("📋", StringComparison.Ordinal));
        Assert.Equal($"📋 Daily summary of main ({kit.Tenant}): equity 100,000.00 USD, realised 0.00, unrealised 0.00, 0 open positions, 0 working orders, 0 orders in all, kill switch off.", q.Text);
        Assert.True(q.Silent); // the default for summaries
        Assert.False(l.Silent);
        await Task.Delay(300);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == none);
    }

    [Fact]
    public async Task PlatformErrors_ReachPlatformAdminsOnly_AsOneErrorDnaSpike_NotAMessagePerLogCategory()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var admin = await kit.LinkedChatAsync(UserRole.Admin, "root", Plan2Claims.PlatformTenant);
        var (tenantAdmin, trader) = (await kit.LinkedChatAsync(UserRole.Admin), await kit.LinkedChatAsync(UserRole.Trader));
        var tag = string.Concat(Guid.NewGuid().ToString("n")[..10].Select(c => (char)('a' + c % 26))); // letters: kept by the normaliser
        var mark = fixture.Api.CallCount;

        // Error logs of the bot's own process, as a failing feed would write them: fingerprinted, then a spike.
        var logger = fixture.Bot.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Plan2.Test.Errors" + tag);
        for (var i = 0; i < 12; i++)
            logger.LogError(new InvalidOperationException($"The feed {tag} fell over"), "Feed down");
        await fixture.Bot.Services.GetRequiredService<ErrorDnaReporter>().FlushAsync();

        var told = await fixture.Api.WaitForAsync(mark, c => c.ChatId == admin && c.Text.Contains(tag, StringComparison.Ordinal));
        Assert.StartsWith("🧬 ErrorDNA spike ", told.Text);
        Assert.Contains($"\"The feed {tag} fell over\" 12× in 5 min", told.Text);
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == trader);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == tenantAdmin); // other tenants' errors are not theirs
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.Text.Contains("🚨 Platform error", StringComparison.Ordinal)); // no second path
    }
}
