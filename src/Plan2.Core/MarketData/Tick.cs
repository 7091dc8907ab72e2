namespace Plan2.Core.MarketData;

/// <summary>
/// One quote. Time is Unix milliseconds in UTC (MT5's time_msc resolution). Last and Volume are
/// zero for FX, where brokers quote no trades.
/// </summary>
public readonly record struct Tick(long TimeMs, Price Bid, Price Ask, Price Last = default, double Volume = 0)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(TimeMs);
    public Price Spread => Ask - Bid;
    public double Mid => (Bid.ToDouble() + Ask.ToDouble()) * 0.5;
}
