using Plan2.Core.Features;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Training.Data;

/// <summary>
/// Feature rows of one symbol in time order with their labels: Y = 1 when the close
/// <see cref="Horizon"/> bars later is higher, 0 when lower, NaN when equal or unknown (the end).
/// ForwardReturn is ln(c[t+h]/c[t]), used for the information coefficient.
/// </summary>
public sealed class LabelledSeries
{
    public required string Symbol { get; init; }
    public required int Horizon { get; init; }
    public required long[] TimesMs { get; init; }
    public required float[] X { get; init; }
    public required float[] Y { get; init; }
    public required double[] ForwardReturn { get; init; }
    public int Rows => TimesMs.Length;
    public static int Features => FeatureSchema.Count;

    /// <summary>Builds rows from the first bar where every feature is defined; the label looks only ahead.</summary>
    public static LabelledSeries Build(string symbol, IReadOnlyList<Candle> bars, int horizon)
    {
        var builder = new FeatureBuilder();
        var f = FeatureSchema.Count;
        var row = new float[f];
        var times = new List<long>();
        var x = new List<float>();
        var indexes = new List<int>();
        for (var i = 0; i < bars.Count; i++)
        {
            builder.Update(bars[i], row);
            if (!builder.IsReady) continue;
            times.Add(bars[i].OpenTimeMs);
            x.AddRange(row);
            indexes.Add(i);
        }
        var y = new float[indexes.Count];
        var forward = new double[indexes.Count];
        for (var r = 0; r < indexes.Count; r++)
        {
            var i = indexes[r];
            if (i + horizon >= bars.Count)
            {
                (y[r], forward[r]) = (float.NaN, double.NaN);
                continue;
            }
            var now = bars[i].Close.Units;
            var later = bars[i + horizon].Close.Units;
            forward[r] = Math.Log((double)later / now);
            y[r] = later > now ? 1f : later < now ? 0f : float.NaN;
        }
        return new LabelledSeries { Symbol = symbol, Horizon = horizon, TimesMs = [.. times], X = [.. x], Y = y, ForwardReturn = forward };
    }
}
