namespace Plan2.Core.Tests.Indicators;

/// <summary>Every indicator: nothing before warm-up, everything at it, and the length each one documents.</summary>
public class WarmUpTests
{
    // The documented lengths, typed here so a changed WarmUpPeriod cannot also move the expectation.
    public static TheoryData<string, int> DocumentedLengths => new()
    {
        { "SMA(20)", 20 }, { "EMA(20)", 20 }, { "RSI(14)", 15 }, { "MACD(12,26,9)", 34 }, { "BB(20,2)", 20 },
        { "ATR(14)", 14 }, { "Stoch(14,3,3)", 18 }, { "ADX(14)", 28 }, { "CCI(20)", 20 }, { "%R(14)", 14 },
    };

    public static TheoryData<string> Names => new(IndicatorProbe.Names);

    private static readonly Plan2.Core.MarketData.Candle[] Bars = SyntheticBars.Generate(40);

    [Theory]
    [MemberData(nameof(DocumentedLengths))]
    public void WarmUpPeriod_DefaultParameters_IsTheDocumentedLength(string name, int expected) =>
        Assert.Equal(expected, IndicatorProbe.Create(name).WarmUpPeriod);

    [Theory]
    [MemberData(nameof(Names))]
    public void Update_NoBars_IsNotReadyAndNaN(string name)
    {
        var probe = IndicatorProbe.Create(name);

        Assert.False(probe.IsReady());
        Assert.All(probe.Outputs(), v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [MemberData(nameof(DocumentedLengths))]
    public void Update_OneBarShortOfWarmUp_IsNotReadyAndNaN(string name, int expected)
    {
        var probe = IndicatorProbe.Create(name);
        for (var i = 0; i < expected - 1; i++)
            probe.Update(Bars[i]);

        Assert.False(probe.IsReady());
        Assert.All(probe.Outputs(), v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [MemberData(nameof(DocumentedLengths))]
    public void Update_WarmUpBars_IsReadyAndFinite(string name, int expected)
    {
        var probe = IndicatorProbe.Create(name);
        for (var i = 0; i < expected; i++)
            probe.Update(Bars[i]);

        Assert.True(probe.IsReady());
        Assert.All(probe.Outputs(), v => Assert.True(double.IsFinite(v)));
    }
}
