using System.Globalization;
using System.Text;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using static Plan2.Telegram.Commands.Args;

namespace Plan2.Telegram.Commands;

/// <summary>/status, /price, /chart, /predict: what the platform and the market are doing.</summary>
public sealed class MarketCommands(TelegramBotStatus bot, TimeProvider clock)
{
    public const int ChartBars = 60;

    public async Task<Reply> StatusAsync(ChatContext c, IReadOnlyList<string> args)
    {
        NoMoreThan(args, 0);
        var feeds = c.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync();
        var platform = c.Grains.GetGrain<IKillSwitchGrain>("platform").IsEngagedAsync();
        var tenant = c.Grains.GetGrain<IKillSwitchGrain>(c.Link.Tenant).IsEngagedAsync();
        var outbox = c.Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).CountForAsync(c.Link.Tenant); // the tenant's own backlog
        await Task.WhenAll(feeds, platform, tenant, outbox);
        var now = clock.GetUtcNow();
        var text = new StringBuilder($"Platform status at {now:HH:mm:ss} UTC\n");
        text.Append(CultureInfo.InvariantCulture, $"Kill switch: platform {OnOff(platform.Result)}, {c.Link.Tenant} {OnOff(tenant.Result)}\n");
        if (feeds.Result.Count == 0)
            text.Append("Feeds: none reported in the last minute\n");
        foreach (var f in feeds.Result)
            text.Append(CultureInfo.InvariantCulture,
                $"Feed {f.FeedId} ({f.Kind}): {f.TicksPerSecond:0} ticks/s, {f.Symbols.Count} symbols, {f.TotalTicks} ticks, heard {(now - f.ReportedAt).TotalSeconds:0} s ago{(f.ClockProblem is { } p ? $", clock: {p}" : "")}\n");
        text.Append(CultureInfo.InvariantCulture, $"Bot: {bot.Detail} Notifications waiting: {outbox.Result}");
        return new Reply(text.ToString(), Reply.Refresh("status"));
    }

    public async Task<Reply> PriceAsync(ChatContext c, IReadOnlyList<string> args)
    {
        var symbol = Symbol(args, 0);
        NoMoreThan(args, 1);
        var quote = await c.Grains.GetGrain<IInstrumentGrain>(symbol).GetQuoteAsync();
        if (quote is null)
            return new Reply($"No quote for {symbol}: not a symbol of ours, or no tick yet.");
        var q = quote.Quote;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(q.TimeUnixMs);
        return new Reply($"{symbol}: bid {N(q.Bid)} ask {N(q.Ask)} (spread {N(q.Ask - q.Bid)}) at {at:yyyy-MM-dd HH:mm:ss} UTC");
    }

    public async Task<Reply> ChartAsync(ChatContext c, IReadOnlyList<string> args)
    {
        var symbol = Symbol(args, 0);
        var timeframe = Timeframe(args, 1, "M1");
        NoMoreThan(args, 2);
        var snapshot = await c.Grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(ChartBars);
        if (!snapshot.RecentBars.TryGetValue(timeframe, out var bars) || bars.Count < 2)
            return new Reply($"Not enough {timeframe} bars of {symbol} for a chart yet ({bars?.Count ?? 0}).");
        var last = bars[^1];
        var png = CandleChart.Render(symbol, timeframe, bars);
        return new Reply($"{symbol} {timeframe}, {bars.Count} bars, last close {N(last.Close)}, RSI {last.Indicators.Rsi14:0.0}", Photo: png);
    }

    public async Task<Reply> PredictAsync(ChatContext c, IReadOnlyList<string> args)
    {
        var symbol = Symbol(args, 0);
        var timeframe = Timeframe(args, 1, "M1");
        NoMoreThan(args, 2);
        var recent = await c.Grains.GetGrain<IPredictorGrain>($"{symbol}/{timeframe}").GetRecentAsync(1);
        if (recent.Count == 0)
            return new Reply($"No prediction for {symbol} {timeframe} yet: the models wait for enough closed bars.");
        return new Reply(Describe(recent[0]));
    }

    public static string Describe(PredictionView p)
    {
        var text = new StringBuilder();
        var direction = p.Direction > 0 ? "UP ▲" : p.Direction < 0 ? "DOWN ▼" : "FLAT";
        text.Append(CultureInfo.InvariantCulture, $"{p.Symbol} {p.Timeframe} next bar: {direction}\n");
        text.Append(CultureInfo.InvariantCulture, $"P(up) {p.ProbabilityUp:0.000}, confidence {p.Confidence:0.00}, regime {p.Regime}\n");
        text.Append("Votes: " + string.Join(", ", p.Votes.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} {v.ProbabilityUp:0.00} (w {v.Weight:0.00})"))) + "\n");
        text.Append(CultureInfo.InvariantCulture, $"Live accuracy: ensemble {p.EnsembleLiveAccuracy:P1} over {p.Resolved} bars");
        foreach (var (name, accuracy) in p.BaselineLiveAccuracy)
            text.Append(CultureInfo.InvariantCulture, $", {name} {accuracy:P1}");
        return text.ToString();
    }

    private static string OnOff(bool engaged) => engaged ? "ENGAGED" : "off";
}
