using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

public sealed class TargetTextTests
{
    [Theory]
    [InlineData("0", "None", "flat")] // before any signal: it read "0 (None)"
    [InlineData("0.1", "Signal", "0.10 (signal)")]
    [InlineData("-0.2", "Signal", "-0.20 (signal)")] // short
    [InlineData("0", "HoldingTime", "0.00 (holding time)")] // flat again, and why
    [InlineData("0", "StopLoss", "0.00 (stop loss)")]
    [InlineData("0.3", "None", "0.30 (no signal)")] // a follower's target with no reason of its own
    public void ATarget_IsWrittenInLotsAndWords(string lots, string reason, string shown) =>
        Assert.Equal(shown, TargetText.Of(decimal.Parse(lots, System.Globalization.CultureInfo.InvariantCulture), reason));
}
