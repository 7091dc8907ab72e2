namespace Plan2.Core.Indicators;

/// <summary>
/// Bollinger Bands: middle = SMA(n), upper/lower = middle ± k·σ, where σ is the population standard
/// deviation of the same n values (divide by n, not n − 1), as Bollinger and most platforms define it.
/// Warm-up: n values. Each update recomputes mean and σ over the window (2n operations): exact and
/// stable, where a running sum of squares would cancel catastrophically at FX price levels.
/// </summary>
public sealed class BollingerBands
{
    private readonly RingBuffer<double> _window;

    public BollingerBands(int period = 20, double width = 2)
    {
        Period = Guard.Period(period, nameof(period));
        if (!(width > 0) || !double.IsFinite(width))
            throw new ArgumentOutOfRangeException(nameof(width), width, "Must be a positive number.");
        Width = width;
        _window = new RingBuffer<double>(period);
    }

    public int Period { get; }

    /// <summary>How many standard deviations each band sits from the middle (k).</summary>
    public double Width { get; }

    public int WarmUpPeriod => Period;

    public bool IsReady => _window.IsFull;

    /// <summary>NaN until <see cref="IsReady"/>, as are the bands and σ.</summary>
    public double Middle { get; private set; } = double.NaN;

    public double Upper { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public double StandardDeviation { get; private set; } = double.NaN;

    public void Update(double value)
    {
        _window.Push(value);
        if (!_window.IsFull)
            return;
        var items = _window.Items;
        var mean = WindowMath.ShiftedMean(items);
        var sigma = Math.Sqrt(WindowMath.SumOfSquaredDeviations(items, mean) / items.Length);
        Middle = mean;
        StandardDeviation = sigma;
        Upper = mean + Width * sigma;
        Lower = mean - Width * sigma;
    }
}
