using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Tests.Trading;

public class ReplayWarmUpTests
{
    /// <summary>The warm-up must run the whole rebuild path (placed to filled, read back, booked), or it warms nothing.</summary>
    [Fact]
    public void WarmUp_RebuildsAFilledOrderFromItsEntries() =>
        Assert.Equal(OrderState.Filled, ReplayWarmUp.Run(TradingInstruments.Default));
}
