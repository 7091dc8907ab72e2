using Plan2.Core.MarketData;

namespace Plan2.MarketData.Replay;

/// <summary>
/// Turns a one-minute bar into the four ticks it implies when only bars were kept: open, then the
/// extreme nearer the open, then the other, then close (a rising bar is taken to dip first), 15 s
/// apart. Bids are the bar's prices; asks add a fixed typical spread. Said plainly on the dashboard.
/// </summary>
public static class BarTicks
{
    public static int Synthesize(in Candle bar, Price spread, Span<Tick> into)
    {
        var rising = bar.Close >= bar.Open;
        var (first, second) = rising ? (bar.Low, bar.High) : (bar.High, bar.Low);
        into[0] = new Tick(bar.OpenTimeMs, bar.Open, bar.Open + spread);
        into[1] = new Tick(bar.OpenTimeMs + 15_000, first, first + spread);
        into[2] = new Tick(bar.OpenTimeMs + 30_000, second, second + spread);
        into[3] = new Tick(bar.OpenTimeMs + 45_000, bar.Close, bar.Close + spread);
        return 4;
    }

    /// <summary>About one pip: 0.0001 for prices quoted to 4-5 decimals, 0.01 for JPY pairs and metals.</summary>
    public static Price TypicalSpread(Price price) => price.ToDouble() < 20 ? Price.Parse("0.0001") : Price.Parse("0.01");
}
