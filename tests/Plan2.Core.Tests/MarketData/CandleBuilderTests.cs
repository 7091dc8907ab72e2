using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.MarketData;

public class CandleBuilderTests
{
    private static readonly long T0 = new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static Tick Bid(long t, string bid) => new(t, Price.Parse(bid), Price.Parse(bid) + Price.Parse("0.0001"));

    [Fact]
    public void OnTick_BuildsOhlcFromBids_AndClosesOnTheNextBucket()
    {
        var builder = new CandleBuilder(Timeframe.M1);
        Assert.False(builder.OnTick(Bid(T0 + 5_000, "1.1000"), out _));
        Assert.False(builder.OnTick(Bid(T0 + 20_000, "1.1010"), out _));
        Assert.False(builder.OnTick(Bid(T0 + 30_000, "1.0990"), out _));
        Assert.False(builder.OnTick(Bid(T0 + 59_999, "1.1005"), out _));

        Assert.True(builder.OnTick(Bid(T0 + 60_000, "1.2000"), out var closed));

        Assert.Equal(new Candle(T0, Price.Parse("1.1"), Price.Parse("1.101"), Price.Parse("1.099"), Price.Parse("1.1005"), 4), closed);
        Assert.Equal(T0 + 60_000, builder.Current!.Value.OpenTimeMs);
    }

    [Fact]
    public void OnTick_SkippedBuckets_ProduceNoEmptyCandles()
    {
        var builder = new CandleBuilder(Timeframe.M5);
        builder.OnTick(Bid(T0, "1.1"), out _);

        Assert.True(builder.OnTick(Bid(T0 + 3_600_000, "1.2"), out var closed));
        Assert.Equal(T0, closed.OpenTimeMs);
        Assert.Equal(T0 + 3_600_000, builder.Current!.Value.OpenTimeMs);
    }

    [Fact]
    public void D1_BucketsAreUtcDays()
    {
        var lateEvening = new DateTimeOffset(2024, 3, 4, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), Timeframe.D1.BucketStart(lateEvening));
        Assert.Equal(lateEvening + 1_000, Timeframe.D1.BucketStart(lateEvening + 1_000)); // midnight starts the next day
    }

    [Fact]
    public void BucketStart_BeforeTheEpoch_StillFloors() =>
        Assert.Equal(-60_000, Timeframe.M1.BucketStart(-1));

    [Fact]
    public void TryClose_BeforeTheBucketEnds_KeepsTheCandleOpen()
    {
        var builder = new CandleBuilder(Timeframe.M1);
        builder.OnTick(Bid(T0, "1.1"), out _);

        Assert.False(builder.TryClose(out _, T0 + 59_999));
        Assert.True(builder.TryClose(out var closed, T0 + 60_000));
        Assert.Equal(T0, closed.OpenTimeMs);
        Assert.Null(builder.Current);
    }

    [Fact]
    public void Aggregator_FromM1Bars_EqualsAggregatorFromTheSameTicks()
    {
        // Parity: H1 and D1 built from M1 bars must equal H1 and D1 built from the ticks themselves.
        var random = new Random(11);
        var ticks = new List<Tick>();
        var price = 110_000_000L;
        for (long t = T0; t < T0 + 2 * 86_400_000L; t += random.Next(1, 40_000))
        {
            price += random.Next(-500, 501);
            ticks.Add(new Tick(t, new Price(price), new Price(price + 100)));
        }

        var fromTicks = Run(ticks, null);
        var m1 = fromTicks.Where(c => c.Timeframe == Timeframe.M1).Select(c => c.Candle).ToList();
        var fromBars = RunBars(m1);

        foreach (var tf in new[] { Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1 })
            Assert.Equal(fromTicks.Where(c => c.Timeframe == tf), fromBars.Where(c => c.Timeframe == tf));
    }

    private static List<ClosedCandle> Run(List<Tick> ticks, object? _)
    {
        var aggregator = new CandleAggregator();
        var buffer = new ClosedCandle[CandleAggregator.MaxClosedPerInput];
        var all = new List<ClosedCandle>();
        foreach (var t in ticks)
            all.AddRange(buffer.AsSpan(0, aggregator.OnTick(t, buffer)).ToArray());
        all.AddRange(buffer.AsSpan(0, aggregator.Flush(buffer)).ToArray());
        return all;
    }

    private static List<ClosedCandle> RunBars(List<Candle> bars)
    {
        var aggregator = new CandleAggregator();
        var buffer = new ClosedCandle[CandleAggregator.MaxClosedPerInput];
        var all = new List<ClosedCandle>();
        foreach (var b in bars)
            all.AddRange(buffer.AsSpan(0, aggregator.OnBar(b, Timeframe.M1, buffer)).ToArray());
        all.AddRange(buffer.AsSpan(0, aggregator.Flush(buffer)).ToArray().Where(c => c.Timeframe != Timeframe.M1));
        return all;
    }
}
