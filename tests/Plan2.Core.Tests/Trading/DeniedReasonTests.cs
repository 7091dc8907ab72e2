using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Trading;

/// <summary>A risk denial kept with the order gives a resend the first send's code and sentence back.</summary>
public class DeniedReasonTests
{
    [Fact]
    public void FormattedDenial_ParsesBackToItsCodeAndSentence()
    {
        var kept = DeniedReason.Format("MaxOrderSize", "Order of 3 lots exceeds the maximum of 2: keep it smaller.");

        Assert.Equal("MaxOrderSize: Order of 3 lots exceeds the maximum of 2: keep it smaller.", kept);
        Assert.Equal(("MaxOrderSize", "Order of 3 lots exceeds the maximum of 2: keep it smaller."), DeniedReason.Parse(kept)); // only the first ": " splits
    }

    [Fact]
    public void DenialWithoutASentence_HasNoMessage()
    {
        Assert.Equal(("KillSwitch", (string?)null), DeniedReason.Parse(DeniedReason.Format("KillSwitch", null)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("refused", "refused")]
    [InlineData(": no code", ": no code")]
    public void ReasonWithoutACode_IsAPlainDenial(string? reason, string? message)
    {
        Assert.Equal((DeniedReason.DefaultCode, message), DeniedReason.Parse(reason));
    }
}
