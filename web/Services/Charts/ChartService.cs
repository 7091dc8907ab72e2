using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Grains.Trading;

namespace Plan2.Web.Services.Charts;

/// <summary>Reads what a chart shows from the grains: an instrument's recent bars and its predictions.</summary>
public sealed class ChartService(IGrainFactory grains)
{
    public const int Bars = 300;

    public async Task<ChartFrame> GetFrameAsync(string symbol, ChartSettings settings, bool dark)
    {
        var snapshot = grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(Bars);
        var predictions = grains.GetGrain<IPredictorGrain>($"{symbol}/M1").GetRecentAsync(Bars);
        await Task.WhenAll(snapshot, predictions);
        var bars = snapshot.Result.RecentBars.TryGetValue(settings.Timeframe, out var found) ? found : [];
        var digits = TradingInstruments.Default.TryGet(symbol, out var instrument) ? instrument.Digits : 5;
        return ChartFrameBuilder.Build(symbol, settings, bars, predictions.Result, snapshot.Result.LastQuote, digits, dark);
    }
}
