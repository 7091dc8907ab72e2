namespace Plan2.Ml.Training.Xgboost;

/// <summary>
/// Boosting settings. Defaults are deliberately conservative: the FX signal is a few thousandths of a nat,
/// and deeper or longer-trained trees fit noise (see ML-NOTES.md), so shallow trees, a small step,
/// row/column subsampling, large leaves and early stopping on validation log loss.
/// </summary>
public sealed record XgboostOptions
{
    public int MaxRounds { get; init; } = 300;

    /// <summary>Stop after this many rounds without a lower validation log loss.</summary>
    public int EarlyStoppingRounds { get; init; } = 20;

    public int MaxDepth { get; init; } = 4;
    public double Eta { get; init; } = 0.05;
    public double Subsample { get; init; } = 0.8;
    public double ColsampleByTree { get; init; } = 0.8;

    /// <summary>Minimum hessian per leaf; with p ≈ 0.5 each row adds 0.25, so 50 ≈ 200 rows.</summary>
    public double MinChildWeight { get; init; } = 50;

    public double Lambda { get; init; } = 1;
    public int Threads { get; init; } = 2;
    public int Seed { get; init; } = 42;
}
