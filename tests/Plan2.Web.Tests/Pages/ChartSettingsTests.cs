using Plan2.Web.Services.Charts;

namespace Plan2.Web.Tests;

public sealed class ChartSettingsTests
{
    [Fact]
    public void Sanitised_DropsUnknownTimeframeOverlaysAndPanes_FromAnOlderBuild()
    {
        var stale = new ChartSettings("EURUSD", "M3", [ChartSettings.Sma, "Ichimoku", ChartSettings.Sma], ["Volume", ChartSettings.Macd]);

        var clean = stale.Sanitised();

        Assert.Equal("M1", clean.Timeframe);
        Assert.Equal([ChartSettings.Sma], clean.Overlays);
        Assert.Equal([ChartSettings.Macd], clean.Panes);
        Assert.Equal("EURUSD", clean.Symbol);
    }
}
