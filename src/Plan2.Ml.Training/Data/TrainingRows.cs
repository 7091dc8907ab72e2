using Plan2.Core.Features;

namespace Plan2.Ml.Training.Data;

/// <summary>
/// Every labelled row of every series, sorted by time (series interleave), with where each row came
/// from so that sequence models can take a window of the rows before it in the same series.
/// </summary>
public sealed class TrainingRows
{
    private readonly IReadOnlyList<LabelledSeries> _series;
    private readonly (int Series, int Position)[] _origin;

    public TrainingRows(IReadOnlyList<LabelledSeries> series)
    {
        _series = series;
        _origin = series.SelectMany((s, i) => Enumerable.Range(0, s.Rows).Select(p => (i, p)))
            .OrderBy(o => series[o.i].TimesMs[o.p]).ThenBy(o => o.i).ToArray();
        TimesMs = _origin.Select(o => series[o.Series].TimesMs[o.Position]).ToArray();
        Y = _origin.Select(o => series[o.Series].Y[o.Position]).ToArray();
        ForwardReturn = _origin.Select(o => series[o.Series].ForwardReturn[o.Position]).ToArray();
    }

    public int Count => _origin.Length;
    public long[] TimesMs { get; }
    public float[] Y { get; }
    public double[] ForwardReturn { get; }
    public static int Features => FeatureSchema.Count;

    /// <summary>Row <paramref name="i"/>'s series and its position there (consecutive bars from the warm-up on).</summary>
    public (int Series, int Position) Origin(int i) => _origin[i];

    public ReadOnlySpan<float> Row(int i)
    {
        var (s, p) = _origin[i];
        return _series[s].X.AsSpan(p * Features, Features);
    }

    /// <summary>Rows [from, to) as a table; unlabelled rows keep NaN labels.</summary>
    public TabularData Table(int from, int to)
    {
        var n = to - from;
        var x = new float[n * Features];
        for (var i = 0; i < n; i++)
            Row(from + i).CopyTo(x.AsSpan(i * Features, Features));
        return new TabularData(x, n, Features, Y[from..to]);
    }

    /// <summary>Only the rows with a label (ties and the last horizon rows have none): what trainers fit on.</summary>
    public static TabularData Labelled(TabularData table)
    {
        var keep = Enumerable.Range(0, table.Rows).Where(i => float.IsFinite(table.Y[i])).ToArray();
        var x = new float[keep.Length * table.Features];
        for (var k = 0; k < keep.Length; k++)
            table.Row(keep[k]).CopyTo(x.AsSpan(k * table.Features, table.Features));
        return new TabularData(x, keep.Length, table.Features, keep.Select(i => table.Y[i]).ToArray());
    }

    /// <summary>Only the windows with a label and full history.</summary>
    public static SequenceData Labelled(SequenceData windows)
    {
        var keep = Enumerable.Range(0, windows.Rows).Where(i => float.IsFinite(windows.Y[i])).ToArray();
        var size = windows.Steps * windows.Features;
        var x = new float[keep.Length * size];
        for (var k = 0; k < keep.Length; k++)
            Array.Copy(windows.X, keep[k] * size, x, k * size, size);
        return new SequenceData(x, keep.Length, windows.Steps, windows.Features, keep.Select(i => windows.Y[i]).ToArray());
    }

    /// <summary>
    /// Windows of <paramref name="steps"/> rows of the same series ending at each row in [from, to),
    /// standardised by <paramref name="mean"/>/<paramref name="std"/>, NaN → 0. Rows without enough history
    /// get a NaN label so trainers and metrics skip them.
    /// </summary>
    public SequenceData Windows(int from, int to, int steps, float[] mean, float[] std)
    {
        var n = to - from;
        var x = new float[n * steps * Features];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            var (s, p) = _origin[from + i];
            y[i] = p >= steps - 1 ? Y[from + i] : float.NaN;
            for (var k = 0; k < steps; k++)
            {
                var q = p - steps + 1 + k;
                if (q < 0) continue;
                var source = _series[s].X.AsSpan(q * Features, Features);
                var target = x.AsSpan((i * steps + k) * Features, Features);
                for (var f = 0; f < Features; f++)
                {
                    var v = (source[f] - mean[f]) / std[f];
                    target[f] = float.IsFinite(v) ? v : 0f;
                }
            }
        }
        return new SequenceData(x, n, steps, Features, y);
    }

    /// <summary>Mean and standard deviation of each feature over rows [from, to), ignoring NaN (std ≥ 1e-12).</summary>
    public (float[] Mean, float[] Std) Scaling(int from, int to)
    {
        var mean = new float[Features];
        var std = new float[Features];
        for (var f = 0; f < Features; f++)
        {
            double sum = 0, sumSq = 0;
            long n = 0;
            for (var i = from; i < to; i++)
            {
                var v = Row(i)[f];
                if (!float.IsFinite(v)) continue;
                sum += v; sumSq += (double)v * v; n++;
            }
            var m = n > 0 ? sum / n : 0;
            mean[f] = (float)m;
            std[f] = (float)Math.Max(Math.Sqrt(Math.Max(n > 0 ? sumSq / n - m * m : 1, 0)), 1e-12);
        }
        return (mean, std);
    }
}
