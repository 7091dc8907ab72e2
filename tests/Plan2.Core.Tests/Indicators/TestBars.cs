using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

/// <summary>Builds candles from the plain numbers printed in the published examples.</summary>
internal static class TestBars
{
    public static Price P(double value) => Price.FromDouble(value) ?? throw new ArgumentOutOfRangeException(nameof(value));

    /// <summary>Bars one minute apart, so the same rows can also feed an <c>IndicatorSet</c>.</summary>
    public static Candle Ohlc(int index, double open, double high, double low, double close) =>
        new(index * 60_000L, P(open), P(high), P(low), P(close));

    /// <summary>For examples that publish no open: the open is taken as the close, inside the bar.</summary>
    public static Candle Hlc(int index, double high, double low, double close) => Ohlc(index, close, high, low, close);

    public static Candle[] FromOhlcRows(double[,] rows)
    {
        var bars = new Candle[rows.GetLength(0)];
        for (var i = 0; i < bars.Length; i++)
            bars[i] = Ohlc(i, rows[i, 0], rows[i, 1], rows[i, 2], rows[i, 3]);
        return bars;
    }

    public static Candle[] FromHlcRows(double[,] rows)
    {
        var bars = new Candle[rows.GetLength(0)];
        for (var i = 0; i < bars.Length; i++)
            bars[i] = Hlc(i, rows[i, 0], rows[i, 1], rows[i, 2]);
        return bars;
    }

    public static Candle[] FromHlc(double[] highs, double[] lows, double[] closes)
    {
        var bars = new Candle[closes.Length];
        for (var i = 0; i < bars.Length; i++)
            bars[i] = Hlc(i, highs[i], lows[i], closes[i]);
        return bars;
    }

    /// <summary>A flat market: every bar the same, with the given range.</summary>
    public static Candle[] Flat(int count, double high, double low, double close)
    {
        var bars = new Candle[count];
        for (var i = 0; i < count; i++)
            bars[i] = Hlc(i, high, low, close);
        return bars;
    }
}
