using Plan2.Abstractions.Predictions;
using Plan2.Web.Services.Insights;

namespace Plan2.Web.Tests.Pages;

public sealed class PatternTextTests
{
    [Fact]
    public void APatternWithOutcomes_SaysHowOftenItHeld()
    {
        Assert.Matches(@"^Doji: held 61\s?% of 86 here$", PatternText.Named(new PatternView("Doji", 0, 0.61, 86)));
    }

    [Fact]
    public void APatternSeenForTheFirstTime_HasNoOutcomeYet_NotItsPrior()
    {
        // Its confidence is the even prior: "EveningStar: 50 % of 0" read as a measurement.
        Assert.Equal("Evening star: no outcome here yet", PatternText.Named(new PatternView("EveningStar", -1, 0.5, 0)));
    }

    [Theory]
    [InlineData("BullishEngulfing", "Bullish engulfing")] // the history's column cut it off: no space to wrap at
    [InlineData("Doji", "Doji")]
    [InlineData("ThreeWhiteSoldiers", "Three white soldiers")]
    public void APatternsName_IsWrittenInWords(string pattern, string shown) =>
        Assert.Equal(shown, PatternText.Name(new PatternView(pattern, 1, 0.6, 10)));
}
