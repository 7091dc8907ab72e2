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
        var scale = confidence >= 1.0 ? 1m : (decimal)Scale(confidence, floor);
        var lots = instrument.FloorToLotStep(fullLots * scale);
        return lots >= instrument.MinLot ? Math.Min(lots, instrument.MaxLot) : 0m;
    }

    /// <summary>
    /// A cheap pre-test for the risk chain (decimal conversion and division cost hundreds of ns):
    /// true only when <paramref name="lots"/> is at least one lot step plus a margin below the
    /// unrounded scaled size and that size clears the minimum lot, so it is surely within
    /// <see cref="ScaledLots"/>. False means "work it out exactly", not "too big".
    /// </summary>
    public static bool IsClearlyWithin(decimal lots, decimal fullLots, double confidence, double floor, Instrument instrument)
    {
        if (!(confidence > floor) || confidence > 1.0)
            return false;
        var scaled = (double)fullLots * Scale(confidence, floor);
        var margin = (double)instrument.LotStep + 1e-9 * scaled;
        return (double)lots <= scaled - margin && (double)instrument.MinLot <= scaled - margin && (double)lots <= (double)instrument.MaxLot;
    }

    private static double Scale(double confidence, double floor) => Math.Min(1.0, (confidence - floor) / (1.0 - floor));
}
