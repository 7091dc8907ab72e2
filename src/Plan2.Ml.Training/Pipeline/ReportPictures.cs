using ScottPlot;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>The report's pictures: accuracy over time (weekly buckets) and calibration (reliability diagram).</summary>
public static class ReportPictures
{
    public static void AccuracyOverTime(string path, long[] timesMs, float[] labels, IReadOnlyDictionary<string, float[]> series)
    {
        var plot = new Plot();
        foreach (var (name, p) in series)
        {
            var points = Weekly(timesMs, labels, p);
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(x => x.Week.ToOADate()).ToArray(), points.Select(x => x.Accuracy * 100).ToArray());
            line.LegendText = name;
        }
        plot.Add.HorizontalLine(50, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.DateTimeTicksBottom();
        plot.Title("Direction accuracy by week (out of sample)");
        plot.YLabel("accuracy, %");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 450);
    }

    public static void Calibration(string path, string title, IReadOnlyDictionary<string, (float[] P, float[] Y)> series)
    {
        var plot = new Plot();
        plot.Add.Line(0, 0, 1, 1).LineStyle.Pattern = LinePattern.Dashed;
        foreach (var (name, (p, y)) in series)
        {
            var bins = Bins(p, y, 10);
            if (bins.Count == 0) continue;
            var line = plot.Add.Scatter(bins.Select(b => b.Predicted).ToArray(), bins.Select(b => b.Observed).ToArray());
            line.LegendText = name;
        }
        plot.Axes.SetLimits(0.4, 0.6, 0.4, 0.6); // FX direction probabilities live near 0.5: zoom in where the points are
        plot.Title(title);
        plot.XLabel("predicted P(up), decile mean");
        plot.YLabel("observed frequency of up");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 600, 500);
    }

    /// <summary>Expected calibration error over probability deciles: how far stated probabilities are from outcomes.</summary>
    public static double CalibrationError(float[] p, float[] y)
    {
        var bins = Bins(p, y, 10);
        var n = bins.Sum(b => b.Count);
        return n == 0 ? double.NaN : bins.Sum(b => b.Count * Math.Abs(b.Predicted - b.Observed)) / n;
    }

    private static List<(DateTime Week, double Accuracy)> Weekly(long[] timesMs, float[] labels, float[] p)
    {
        var weeks = new SortedDictionary<DateTime, (int Right, int All)>();
        for (var i = 0; i < p.Length; i++)
        {
            if (!float.IsFinite(p[i]) || !float.IsFinite(labels[i])) continue;
            var day = DateTimeOffset.FromUnixTimeMilliseconds(timesMs[i]).UtcDateTime.Date;
            var week = day.AddDays(-(int)day.DayOfWeek);
            var (right, all) = weeks.GetValueOrDefault(week);
            weeks[week] = (right + ((p[i] >= 0.5f ? 1 : 0) == (int)labels[i] ? 1 : 0), all + 1);
        }
        return weeks.Where(w => w.Value.All >= 200).Select(w => (w.Key, (double)w.Value.Right / w.Value.All)).ToList();
    }

    private static List<(double Predicted, double Observed, int Count)> Bins(float[] p, float[] y, int count)
    {
        var rows = Enumerable.Range(0, p.Length).Where(i => float.IsFinite(p[i]) && float.IsFinite(y[i])).OrderBy(i => p[i]).ToList();
        if (rows.Count < count * 20) return [];
        return Enumerable.Range(0, count).Select(b =>
        {
            var slice = rows.Skip(b * rows.Count / count).Take((b + 1) * rows.Count / count - b * rows.Count / count).ToList();
            return (slice.Average(i => (double)p[i]), slice.Average(i => (double)y[i]), slice.Count);
        }).ToList();
    }
}
