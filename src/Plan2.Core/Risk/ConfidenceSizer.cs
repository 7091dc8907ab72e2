using Plan2.Core.Trading.Instruments;

namespace Plan2.Core.Risk;

/// <summary>
/// Sizes AI orders by the prediction's confidence: nothing at or below the floor, the full size at
/// 1.0, linear between, rounded down to the lot step (never up: rounding must not add risk); a
/// result below the instrument's minimum lot is nothing.
/// </summary>
public static class ConfidenceSizer
{
    public static decimal ScaledLots(decimal fullLots, double confidence, double floor, Instrument instrument)
    {
        if (!(confidence > floor) || fullLots <= 0m)
            return 0m;
        var scale = confidence >= 1.0 ? 1m : (decimal)((confidence - floor) / (1.0 - floor));
        var lots = instrument.FloorToLotStep(fullLots * scale);
        return lots >= instrument.MinLot ? Math.Min(lots, instrument.MaxLot) : 0m;
    }
}
