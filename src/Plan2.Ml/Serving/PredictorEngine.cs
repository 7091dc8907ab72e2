using System.Diagnostics;
using Plan2.Core.Features;
using Plan2.Core.MarketData;
using Plan2.Core.Patterns;
using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Serving;

/// <summary>One model's say in a prediction: its probability, its weight now, its live accuracy in this regime.</summary>
public sealed record ModelVote(string Name, string Kind, double ProbabilityUp, double Weight, double LiveAccuracy, long Resolved);

/// <summary>The ensemble's call on one closed bar, with the candlestick patterns that bar completed.</summary>
public sealed record PredictionResult(long BarTimeMs, double ProbabilityUp, int Direction, double Confidence, string Regime,
    IReadOnlyList<ModelVote> Votes, double LatencyMicroseconds, double EnsembleLiveAccuracy, long Resolved,
    IReadOnlyDictionary<string, double> BaselineLiveAccuracy, IReadOnlyList<PatternSignal> Patterns);

/// <summary>
/// Turns closed bars into predictions with the shipped models, the same features as training
/// (<see cref="FeatureBuilder"/>). The stacked ensemble's weights are scaled by each model's live
/// accuracy in the current regime (trending when ADX ≥ 25, else ranging) relative to its validation
/// accuracy; confidence is the models' agreement. Every prediction is scored against the realised
/// move <c>horizon</c> bars later, beside the two baselines, so live accuracy is measured, not assumed.
/// </summary>
public sealed class PredictorEngine
{
    private ModelRegistry _registry;
    private ModelRegistry? _challenger;
    private ShadowScoreboard? _shadow;
    private readonly PromotionPolicy _policy;
    private readonly FeatureBuilder _features = new();
    private readonly float[] _row = new float[FeatureSchema.Count];
    private readonly float[] _history;
    private readonly int _window;
    private readonly Dictionary<(string Model, string Regime), LiveAccuracy> _accuracy = [];
    private readonly Dictionary<string, LiveAccuracy> _ensembleAccuracy = [];
    private readonly Dictionary<string, LiveAccuracy> _baselines;
    private readonly Queue<Pending> _pending = new();
    private readonly PatternDetector _patterns = new();
    private readonly PatternReliability _reliability;
    private readonly PatternHit[] _hits = new PatternHit[PatternDetector.MaxHitsPerBar];
    private long _bars;

    public PredictorEngine(ModelRegistry registry, PromotionPolicy? policy = null)
    {
        _registry = registry;
        _policy = policy ?? PromotionPolicy.Default;
        _window = Math.Max(registry.MaxWindow, MaxSupportedWindow);
        _history = new float[_window * FeatureSchema.Count];
        _baselines = registry.Manifest.Baselines.ToDictionary(b => b.Key, b => new LiveAccuracy(b.Value.Accuracy));
        _reliability = new PatternReliability(registry.Manifest.HorizonBars);
    }

    /// <summary>Feature vectors kept for sequence models, champion's or challenger's.</summary>
    public const int MaxSupportedWindow = 64;

    public int Horizon => _registry.Manifest.HorizonBars;
    public ModelRegistry Champion => _registry;
    public ModelRegistry? Challenger => _challenger;
    public ShadowScoreboard? Shadow => _shadow;

    /// <summary>A promotion decision taken at a checkpoint (every <see cref="PromotionPolicy.MinResolved"/> paired outcomes).</summary>
    public event Action<PromotionDecision, ModelRegistry, ModelRegistry>? Decided;

    /// <summary>
    /// Runs <paramref name="challenger"/> in shadow from now on (a new one starts a fresh scoreboard). Its
    /// predictions are scored on the same bars as the champion's; the policy decides at fixed checkpoints,
    /// never on a lucky run between them.
    /// </summary>
    public void UseChallenger(ModelRegistry? challenger)
    {
        if (ReferenceEquals(challenger, _registry))
            challenger = null; // just promoted: it is the champion now, not its own challenger
        if (ReferenceEquals(challenger, _challenger)) return;
        if (challenger is not null && challenger.Manifest.HorizonBars != Horizon)
            throw new ArgumentException("A challenger must predict the same horizon as the champion.", nameof(challenger));
        if (challenger is not null && challenger.MaxWindow > _window)
            throw new ArgumentException($"A challenger may read at most {_window} bars of history.", nameof(challenger));
        _challenger = challenger;
        _shadow = challenger is null ? null : new ShadowScoreboard(horizon: Horizon);
    }

    /// <summary>Null while the features warm up (61 bars) or the sequence window fills.</summary>
    public PredictionResult? OnBar(in Candle bar)
    {
        var start = Stopwatch.GetTimestamp();
        _features.Update(bar, _row);
        Array.Copy(_history, FeatureSchema.Count, _history, 0, _history.Length - FeatureSchema.Count);
        _row.CopyTo(_history, _history.Length - FeatureSchema.Count);
        _bars++;
        Resolve(bar.Close.Units);
        var found = _patterns.OnBar(bar, _hits);
        // Confidence of each pattern = its reliability measured on this instrument's earlier bars only.
        var patterns = new PatternSignal[found];
        for (var i = 0; i < found; i++)
            patterns[i] = _reliability.Signal(_hits[i]);
        _reliability.OnBar(bar, _hits.AsSpan(0, found));
        var needed = Math.Max(_registry.MaxWindow, _challenger?.MaxWindow ?? 1);
        if (!_features.IsReady || _bars < FeatureBuilder.WarmUpBars + needed - 1)
            return null;

        var regime = _row[16] >= 0.25f ? "trending" : "ranging"; // adx14 / 100
        var manifest = _registry.Manifest;
        var z = manifest.Ensemble.Bias;
        var votes = new List<ModelVote>(_registry.Members.Count);
        var probabilities = new double[_registry.Members.Count];
        for (var i = 0; i < _registry.Members.Count; i++)
        {
            var member = _registry.Members[i];
            var p = (double)Score(member);
            probabilities[i] = p;
            var live = Accuracy(member.Entry.Name, regime);
            var prior = member.Entry.Validation.Accuracy;
            // Edges are a few tenths of a percent: bound how far live results may move a weight.
            var factor = prior > 0.5 ? Math.Clamp((live.Value - 0.5) / (prior - 0.5), 0.5, 1.5) : 1;
            var weight = manifest.Ensemble.Weights.GetValueOrDefault(member.Entry.Name) * factor;
            z += weight * Ensemble.Logit(p);
            votes.Add(new ModelVote(member.Entry.Name, member.Entry.Kind, p, weight, live.Value, live.Resolved));
        }
        var ensemble = Ensemble.Sigmoid(z);
        var lastMove = _row[0];
        // The challenger is judged against the champion's own stacked ensemble (same method on both sides),
        // so the comparison is between model sets, not between reweighting schemes.
        var (championStacked, shadow) = _challenger is { } challenger ? (StackedProbability(_registry), StackedProbability(challenger)) : (double.NaN, double.NaN);
        _pending.Enqueue(new Pending(_bars, bar.Close.Units, probabilities, ensemble, regime, lastMove, championStacked, shadow, _shadow));
        var ensembleLive = EnsembleAccuracy(regime);
        return new PredictionResult(bar.OpenTimeMs, ensemble, ensemble >= 0.5 ? 1 : -1, Ensemble.Agreement(ensemble, probabilities), regime,
            votes, Stopwatch.GetElapsedTime(start).TotalMicroseconds, ensembleLive.Value, ensembleLive.Resolved,
            _baselines.ToDictionary(b => b.Key, b => b.Value.Value), patterns);
    }

    /// <summary>A model set's own stacked ensemble, with no live reweighting: how a challenger is judged.</summary>
    private double StackedProbability(ModelRegistry models)
    {
        var z = models.Manifest.Ensemble.Bias;
        foreach (var member in models.Members)
            z += models.Manifest.Ensemble.Weights.GetValueOrDefault(member.Entry.Name) * Ensemble.Logit(Score(member));
        return Ensemble.Sigmoid(z);
    }

    /// <summary>The member's score of the latest bar: its window is the last WindowSteps rows, prepared by the scorer.</summary>
    private float Score(OnnxScorer member)
    {
        var steps = Math.Max(1, member.Entry.WindowSteps);
        var rows = new float[steps * FeatureSchema.Count];
        Array.Copy(_history, _history.Length - rows.Length, rows, 0, rows.Length);
        return member.Score(rows, steps, FeatureSchema.Count)[steps - 1];
    }

    /// <summary>Scores predictions whose horizon has passed against the realised direction (ties are not scored).</summary>
    private void Resolve(long closeUnits)
    {
        while (_pending.Count > 0 && _bars - _pending.Peek().Bar >= Horizon)
        {
            var p = _pending.Dequeue();
            if (closeUnits == p.CloseUnits) continue;
            var up = closeUnits > p.CloseUnits;
            for (var i = 0; i < _registry.Members.Count; i++)
                Accuracy(_registry.Members[i].Entry.Name, p.Regime).Record(p.Members[i] >= 0.5 == up);
            EnsembleAccuracy(p.Regime).Record(p.Ensemble >= 0.5 == up);
            if (_baselines.TryGetValue("majority", out var majority))
                majority.Record(_registry.Manifest.BaselineFit.GetValueOrDefault("p_up", 0.5) >= 0.5 == up);
            if (_baselines.TryGetValue("last_move", out var last) && p.LastMove != 0)
                last.Record(p.LastMove > 0 == up);
            // Only outcomes of predictions this challenger made count as its evidence.
            if (_shadow is { } board && ReferenceEquals(board, p.Board) && double.IsFinite(p.Shadow))
            {
                board.Record(p.ChampionStacked, p.Shadow, up);
                if (board.TotalRecorded % _policy.MinResolved == 0)
                    Decide(board);
            }
        }
    }

    private void Decide(ShadowScoreboard board)
    {
        var decision = _policy.Decide(board);
        var (champion, challenger) = (_registry, _challenger!);
        if (decision.Promote)
        {
            // The challenger serves from the next bar; live accuracy restarts from its own validation priors.
            _registry = challenger;
            _challenger = null;
            _shadow = null;
            _accuracy.Clear();
            _ensembleAccuracy.Clear();
            _pending.Clear(); // their votes came from the old set's members
        }
        Decided?.Invoke(decision, champion, challenger);
    }

    private LiveAccuracy Accuracy(string model, string regime)
    {
        if (!_accuracy.TryGetValue((model, regime), out var live))
        {
            var prior = _registry.Members.First(m => m.Entry.Name == model).Entry.Validation.Accuracy;
            _accuracy[(model, regime)] = live = new LiveAccuracy(prior);
        }
        return live;
    }

    private LiveAccuracy EnsembleAccuracy(string regime)
    {
        if (!_ensembleAccuracy.TryGetValue(regime, out var live))
            _ensembleAccuracy[regime] = live = new LiveAccuracy(_registry.Manifest.Ensemble.Validation.Accuracy);
        return live;
    }

    private sealed record Pending(long Bar, long CloseUnits, double[] Members, double Ensemble, string Regime, float LastMove, double ChampionStacked, double Shadow, ShadowScoreboard? Board);
}
