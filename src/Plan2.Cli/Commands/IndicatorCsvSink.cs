using System.Globalization;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.Cli.Commands;

/// <summary>
/// Builds candles of one timeframe from an import and writes one CSV row per closed candle with
/// every indicator of the standard set; a cell is empty while its indicator warms up. The last
/// candle built from finer input is written only when the input reached the end of its bucket.
/// </summary>
internal sealed class IndicatorCsvSink : IImportSink
{
    public const string Header =
        "time,open,high,low,close,sma20,ema20,rsi14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,atr14," +
        "stoch_k,stoch_d,adx14,plus_di,minus_di,cci20,williams_r14";

    private readonly TextWriter _output;
    private readonly Timeframe _timeframe;
    private readonly Timeframe _barTimeframe;
    private readonly CandleBuilder? _builder;
    private readonly IndicatorSet _indicators = new();
    private long _inputEndMs = long.MinValue;

    public IndicatorCsvSink(TextWriter output, Timeframe timeframe, Timeframe barTimeframe, bool fromTicks)
    {
        if (!fromTicks && (int)barTimeframe > (int)timeframe)
            throw new CliException($"The file holds {barTimeframe} bars: candles of {timeframe} cannot be built from them.");
        _output = output;
        _timeframe = timeframe;
        _barTimeframe = barTimeframe;
        _builder = fromTicks || barTimeframe != timeframe ? new CandleBuilder(timeframe) : null;
        _output.WriteLine(Header);
    }

    public long Rows { get; private set; }

    public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
    {
        foreach (var tick in ticks.Span)
        {
            if (_builder!.OnTick(tick, out var closed))
                Write(closed);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
    {
        foreach (var bar in bars.Span)
        {
            if (_builder is null)
                Write(bar);
            else if (_builder.OnBar(bar, out var closed))
                Write(closed);
            _inputEndMs = bar.OpenTimeMs + _barTimeframe.Milliseconds();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken ct)
    {
        if (_builder?.TryClose(out var last, _inputEndMs) == true)
            Write(last);
        return _output.FlushAsync(ct).ToValueTask();
    }

    private void Write(in Candle candle)
    {
        _indicators.Update(candle);
        var v = _indicators.Current;
        var line = string.Join(',',
            candle.OpenTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            candle.Open, candle.High, candle.Low, candle.Close,
            F(v.Sma20), F(v.Ema20), F(v.Rsi14), F(v.Macd), F(v.MacdSignal), F(v.MacdHist),
            F(v.BbUpper), F(v.BbMiddle), F(v.BbLower), F(v.Atr14), F(v.StochK), F(v.StochD),
            F(v.Adx14), F(v.PlusDi), F(v.MinusDi), F(v.Cci20), F(v.WilliamsR14));
        _output.WriteLine(line);
        Rows++;
    }

    private static string F(double value) =>
        double.IsFinite(value) ? value.ToString("0.##########", CultureInfo.InvariantCulture) : "";
}

internal static class TaskExtensions
{
    public static ValueTask ToValueTask(this Task task) => new(task);
}
