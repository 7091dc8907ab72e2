namespace Plan2.Ml.Lifecycle;

/// <summary>
/// Champion and challenger scored on the same resolved bars, keeping the last <see cref="Window"/> pairs.
/// Pairing matters: both models' losses swing together with the market, so the per-bar difference is
/// far less noisy than either level, and edges here are a few thousandths of a nat.
/// Not thread-safe: one owner (a grain) records and reads.
/// </summary>
public sealed class ShadowScoreboard
{
    // Same clamp as MetricsCalculator, so shadow and offline log losses agree.
    private const double Epsilon = 1e-7;

    private readonly Pair[] _pairs;
    private int _next;

    /// <param name="window">Pairs kept; older ones are forgotten so a stale edge cannot carry a promotion.</param>
    /// <param name="horizon">
    /// Bars between prediction and outcome. Outcomes of consecutive bars overlap by horizon − 1 bars,
    /// so their loss differences are correlated; the standard error accounts for that (see <see cref="Evidence"/>).
    /// </param>
    public ShadowScoreboard(int window = 2000, int horizon = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(horizon, window);
        _pairs = new Pair[window];
        Horizon = horizon;
    }

    public int Window => _pairs.Length;
    public int Horizon { get; }

    /// <summary>Pairs currently in the window.</summary>
    public int Count { get; private set; }

    /// <summary>Pairs ever recorded, including those the window has forgotten.</summary>
    public long TotalRecorded { get; private set; }

    /// <summary>Records one resolved bar; probabilities must be finite and in [0, 1].</summary>
    public void Record(double championProbabilityUp, double challengerProbabilityUp, bool up)
    {
        CheckProbability(championProbabilityUp, nameof(championProbabilityUp));
        CheckProbability(challengerProbabilityUp, nameof(challengerProbabilityUp));
        _pairs[_next] = new Pair(championProbabilityUp, challengerProbabilityUp, up);
        _next = (_next + 1) % _pairs.Length;
        Count = Math.Min(Count + 1, _pairs.Length);
        TotalRecorded++;
    }

    /// <summary>
    /// Metrics over the window, recomputed from the kept pairs (O(window × horizon); no running sums to
    /// drift). The standard error of the mean difference is Diebold–Mariano's: the long-run variance
    /// from autocovariances up to lag horizon − 1, which for horizon 1 is the plain standard error.
    /// </summary>
    public ShadowEvidence Evidence()
    {
        var n = Count;
        if (n == 0)
        {
            var empty = new SideMetrics(0, double.NaN, double.NaN, double.NaN);
            return new ShadowEvidence(Window, Horizon, 0, empty, empty, double.NaN, double.NaN);
        }
        var start = Count < _pairs.Length ? 0 : _next;
        var diffs = new double[n];
        Totals champion = default, challenger = default;
        for (var i = 0; i < n; i++)
        {
            var pair = _pairs[(start + i) % _pairs.Length];
            var a = champion.Add(pair.Champion, pair.Up);
            var b = challenger.Add(pair.Challenger, pair.Up);
            diffs[i] = b - a;
        }
        var mean = diffs.Average();
        return new ShadowEvidence(Window, Horizon, n, champion.Metrics(n), challenger.Metrics(n), mean,
            Math.Sqrt(LongRunVariance(diffs, mean) / n));
    }

    private double LongRunVariance(double[] d, double mean)
    {
        var lags = Math.Min(Horizon - 1, d.Length - 1);
        var gamma = new double[lags + 1];
        for (var k = 0; k <= lags; k++)
        {
            double s = 0;
            for (var t = k; t < d.Length; t++)
                s += (d[t] - mean) * (d[t - k] - mean);
            gamma[k] = s / d.Length;
        }
        var uniform = gamma[0];
        for (var k = 1; k <= lags; k++) uniform += 2 * gamma[k];
        if (uniform > 0) return uniform;
        // Equal weights can go negative on a short, odd sample; Bartlett weights cannot.
        var bartlett = gamma[0];
        for (var k = 1; k <= lags; k++) bartlett += 2 * (1 - k / (lags + 1.0)) * gamma[k];
        return bartlett;
    }

    /// <summary>The kept pairs, oldest first, for saving.</summary>
    public ShadowPairs Snapshot()
    {
        var start = Count < _pairs.Length ? 0 : _next;
        var kept = Enumerable.Range(0, Count).Select(i => _pairs[(start + i) % _pairs.Length]).ToArray();
        return new ShadowPairs(kept.Select(p => p.Champion).ToArray(), kept.Select(p => p.Challenger).ToArray(), kept.Select(p => p.Up).ToArray(), TotalRecorded);
    }

    /// <summary>Takes back saved pairs into an empty scoreboard, so that evidence and checkpoints continue where they were.</summary>
    public void Restore(ShadowPairs saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (TotalRecorded != 0)
            throw new InvalidOperationException("Only an empty scoreboard takes back saved pairs.");
        if (saved.Champion.Length != saved.Count || saved.Challenger.Length != saved.Count || saved.TotalRecorded < saved.Count)
            throw new ArgumentException("Saved pairs are inconsistent.", nameof(saved));
        for (var i = Math.Max(0, saved.Count - _pairs.Length); i < saved.Count; i++)
            Record(saved.Champion[i], saved.Challenger[i], saved.Up[i]);
        TotalRecorded = saved.TotalRecorded;
    }

    private static void CheckProbability(double p, string name)
    {
        if (!double.IsFinite(p) || p < 0 || p > 1)
            throw new ArgumentOutOfRangeException(name, p, "A probability of up must be a finite number in [0, 1].");
    }

    private readonly record struct Pair(double Champion, double Challenger, bool Up);

    private struct Totals
    {
        private double _hits, _logLoss, _brier;

        /// <summary>Adds one prediction and returns its log loss.</summary>
        public double Add(double p, bool up)
        {
            var y = up ? 1.0 : 0.0;
            var q = Math.Clamp(p, Epsilon, 1 - Epsilon);
            var loss = -Math.Log(up ? q : 1 - q);
            _hits += p >= 0.5 == up ? 1 : 0;
            _logLoss += loss;
            _brier += (p - y) * (p - y);
            return loss;
        }

        public readonly SideMetrics Metrics(int n) => new(n, _hits / n, _logLoss / n, _brier / n);
    }
}
