using System.Diagnostics;
using Plan2.Core.Features;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Serving;

/// <summary>
/// Turns closed bars into predictions with a model set, on the same features as training
/// (<see cref="FeatureBuilder"/>), composed of one small part per concern: readings
/// (<see cref="IndicatorSource"/>), features (<see cref="FeatureWindow"/>), scoring
/// (<see cref="MemberScoring"/>), regime weights (<see cref="LiveWeighting"/>), live accuracy
/// (<see cref="LiveAccuracyBook"/>), baselines (<see cref="BaselineScores"/>), patterns
/// (<see cref="PatternWatch"/>) and shadow scoring (<see cref="ShadowTrial"/>). Every prediction is scored
/// against the realised move <c>horizon</c> bars later, so live accuracy is measured, not assumed.
/// </summary>
public sealed class PredictorEngine
{
    private readonly PromotionPolicy _policy;
    private readonly IndicatorSource _readings = new();
    private readonly FeatureWindow _features;
    private readonly BaselineScores _baselines;
    private readonly PatternWatch _patterns;
    private readonly Queue<PendingPrediction> _pending = new();
    private readonly MemberScorer _score;
    private ModelRegistry _registry;
    private LiveAccuracyBook _accuracy;
    private ShadowTrial? _trial;
    private readonly ConfidenceBand? _band;
    private long _lastOpenTimeMs = long.MinValue;
    private double[] _stacked; // each member's weight in the manifest's ensemble, by index
    private double[] _factors; // each member's live factor on the bar being scored
    private readonly Stack<double[]> _spare = new(); // member arrays of resolved predictions, for reuse

    /// <param name="scorer">How a member scores the latest bar: ONNX on that bar alone unless given
    /// (<see cref="BatchedPredictionSource"/> hands over scores it computed for many bars at once).</param>
    /// <param name="band">Given (backtests): members without ensemble weight are scored only for bars whose probability
    /// lies outside it, where the strategy reads the confidence; inside, the prediction's confidence and those members'
    /// votes are NaN and their live accuracy is not kept. The probability and every order are as without it.</param>
    public PredictorEngine(ModelRegistry registry, PromotionPolicy? policy = null, MemberScorer? scorer = null, ConfidenceBand? band = null)
    {
        _registry = registry;
        _band = band;
        _score = scorer ?? MemberScoring.Score;
        _policy = policy ?? PromotionPolicy.Default;
        _features = new FeatureWindow(Math.Max(registry.MaxWindow, MaxSupportedWindow));
        _accuracy = new LiveAccuracyBook(registry);
        _baselines = new BaselineScores(registry.Manifest);
        _patterns = new PatternWatch(registry.Manifest.HorizonBars);
        _stacked = StackedWeights(registry);
        _factors = new double[registry.Members.Count];
    }

    /// <summary>Feature vectors kept for sequence models, champion's or challenger's.</summary>
    public const int MaxSupportedWindow = 64;

    public int Horizon => _registry.Manifest.HorizonBars;
    public ModelRegistry Champion => _registry;
    public ModelRegistry? Challenger => _trial?.Challenger;
    public ShadowScoreboard? Shadow => _trial?.Board;

    /// <summary>The open time of the last bar taken; bars must come strictly after it.</summary>
    public long LastBarTimeMs => _lastOpenTimeMs;

    /// <summary>True while the features use the engine's own indicators instead of the bar's (see <see cref="IndicatorSource"/>).</summary>
    public bool BridgingIndicators => _readings.Bridging;

    /// <summary>A promotion decision taken at a checkpoint (every <see cref="PromotionPolicy.MinResolved"/> paired outcomes).</summary>
    public event Action<PromotionDecision, ModelRegistry, ModelRegistry>? Decided;

    /// <summary>
    /// Runs <paramref name="challenger"/> in shadow from now on (a new one starts a fresh scoreboard); null stops.
    /// It is scored only on bars from <paramref name="registeredAtMs"/> on and after its training window;
    /// <paramref name="resume"/> takes back the pairs an earlier run of the same challenger saved.
    /// </summary>
    public void UseChallenger(ModelRegistry? challenger, long registeredAtMs = long.MinValue, ShadowPairs? resume = null)
    {
        if (ReferenceEquals(challenger, _registry))
            challenger = null; // just promoted: it is the champion now, not its own challenger
        if (ReferenceEquals(challenger, Challenger)) return;
        if (challenger is not null && challenger.Manifest.HorizonBars != Horizon)
            throw new ArgumentException("A challenger must predict the same horizon as the champion.", nameof(challenger));
        if (challenger is not null && challenger.MaxWindow > _features.Steps)
            throw new ArgumentException($"A challenger may read at most {_features.Steps} bars of history.", nameof(challenger));
        _trial = challenger is null ? null : new ShadowTrial(challenger, _policy, Horizon, registeredAtMs);
        if (_trial is not null && resume is not null)
            _trial.Board.Restore(resume);
    }

    /// <summary>Takes a closed bar and computes its indicators here (backtests, tests); null while warming up.</summary>
    public PredictionResult? OnBar(in Candle bar) => OnBar(bar, null, 0);

    /// <summary>
    /// Takes a closed bar with the indicator readings it carries, from indicators that have taken
    /// <paramref name="carriedBars"/> bars; null while the features warm up (61 bars) or the sequence window fills.
    /// </summary>
    public PredictionResult? OnBar(in Candle bar, IndicatorValues? carried, long carriedBars)
    {
        var start = Stopwatch.GetTimestamp();
        var ready = Take(bar, carried, carriedBars);
        var patterns = _patterns.OnBar(bar);
        if (!ready)
            return null;
        var (ensemble, confidence, regime, probabilities) = Score(bar);
        var members = _registry.Members;
        var votes = new List<ModelVote>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var live = _accuracy.Member(i, regime);
            votes.Add(new ModelVote(members[i].Entry.Name, members[i].Entry.Kind, probabilities[i],
                LiveWeighting.Weight(_stacked[i], _factors[i]), live.Value, live.Resolved));
        }
        var ensembleLive = _accuracy.Ensemble(regime);
        return new PredictionResult(bar.OpenTimeMs, ensemble, ensemble >= 0.5 ? 1 : -1, confidence, LiveWeighting.RegimeNames[regime],
            votes, Stopwatch.GetElapsedTime(start).TotalMicroseconds, ensembleLive.Value, ensembleLive.Resolved, _baselines.Accuracy(), patterns);
    }

    /// <summary>
    /// The backtester's call: what <see cref="OnBar(in Candle, IndicatorValues?, long)"/> gives as probability and confidence,
    /// bit for bit, and the same state after it (live accuracy, pending outcomes, patterns), without the votes, baselines,
    /// pattern signals and timing that a strategy does not read: nothing is allocated per bar.
    /// </summary>
    public Prediction? Predict(in Candle bar, in IndicatorValues carried, long carriedBars)
    {
        var ready = Take(bar, carried, carriedBars);
        _patterns.Observe(bar);
        if (!ready)
            return null;
        var (ensemble, confidence, _, _) = Score(bar);
        return new Prediction(bar.OpenTimeMs, ensemble, confidence);
    }

    /// <summary>The bar into the features and the outcomes it settles; true when the members can score it.</summary>
    private bool Take(in Candle bar, IndicatorValues? carried, long carriedBars)
    {
        if (bar.Problem is { } problem)
            throw new ArgumentException($"Bar at {bar.OpenTimeMs} is impossible: {problem}.", nameof(bar));
        if (bar.OpenTimeMs <= _lastOpenTimeMs)
            throw new ArgumentException($"Bar at {bar.OpenTimeMs} is not after the previous bar at {_lastOpenTimeMs}.", nameof(bar));
        _lastOpenTimeMs = bar.OpenTimeMs;
        _features.Add(bar, _readings.Next(bar, carried, carriedBars));
        Resolve(bar.Close.Units);
        var needed = Math.Max(_registry.MaxWindow, Challenger?.MaxWindow ?? 1);
        return _features.IsReady && _features.Bars >= FeatureBuilder.WarmUpBars + needed - 1;
    }

    /// <summary>Scores the latest bar, queues it for its outcome, and leaves each member's live factor in <see cref="_factors"/>.</summary>
    private (double Ensemble, double Confidence, int Regime, double[] Probabilities) Score(in Candle bar)
    {
        var regime = LiveWeighting.RegimeIndex(_features.Latest);
        var members = _registry.Members;
        var probabilities = _spare.TryPop(out var spare) && spare.Length == members.Count ? spare : new double[members.Count];
        var deferred = false;
        for (var i = 0; i < members.Count; i++)
        {
            // A member without weight adds nothing to the probability: with a band it waits until the confidence is wanted.
            var later = _band is not null && _stacked[i] == 0;
            deferred |= later;
            probabilities[i] = later ? double.NaN : _score(members[i], _features);
            _factors[i] = LiveWeighting.Factor(members[i].Entry.Validation.Accuracy, _accuracy.Member(i, regime).Value);
        }
        var ensemble = LiveWeighting.Combine(_registry.Manifest.Ensemble.Bias, _stacked, _factors, probabilities);
        var confident = _band is not { } band || band.Needs(ensemble);
        if (deferred && confident)
            for (var i = 0; i < members.Count; i++)
                if (double.IsNaN(probabilities[i]))
                    probabilities[i] = _score(members[i], _features);
        var (championStacked, shadow) = _trial is { } trial && trial.Scores(bar.OpenTimeMs)
            ? (MemberScoring.Stacked(_registry, _features), MemberScoring.Stacked(trial.Challenger, _features))
            : (double.NaN, double.NaN);
        _pending.Enqueue(new PendingPrediction(_features.Bars, bar.Close.Units, probabilities, ensemble, regime, _features.Latest[0],
            championStacked, shadow, _trial));
        var confidence = confident ? Ensemble.Agreement(ensemble, probabilities) : double.NaN;
        return (ensemble, confidence, regime, probabilities);
    }

    /// <summary>Scores predictions whose horizon has passed against the realised direction (ties are not scored).</summary>
    private void Resolve(long closeUnits)
    {
        while (_pending.Count > 0 && _features.Bars - _pending.Peek().Bar >= Horizon)
        {
            var p = _pending.Dequeue();
            _spare.Push(p.Members); // read below, rewritten only by a later bar's Score
            if (closeUnits == p.CloseUnits) continue;
            var up = closeUnits > p.CloseUnits;
            for (var i = 0; i < _registry.Members.Count; i++)
                if (!double.IsNaN(p.Members[i])) // a member a band left unscored on that bar has no call to score
                    _accuracy.Member(i, p.Regime).Record(p.Members[i] >= 0.5 == up);
            _accuracy.Ensemble(p.Regime).Record(p.Ensemble >= 0.5 == up);
            _baselines.Record(p.LastMove, up);
            // Only outcomes of predictions this challenger made count as its evidence.
            if (_trial is { } trial && ReferenceEquals(trial, p.Trial) && double.IsFinite(p.Shadow)
                && trial.Record(p.ChampionStacked, p.Shadow, up) is { } decision)
                Decide(trial, decision);
        }
    }

    private static double[] StackedWeights(ModelRegistry registry) =>
        [.. registry.Members.Select(m => registry.Manifest.Ensemble.Weights.GetValueOrDefault(m.Entry.Name))];

    private void Decide(ShadowTrial trial, PromotionDecision decision)
    {
        var champion = _registry;
        if (decision.Promote)
        {
            // The challenger serves from the next bar; live accuracy restarts from its own validation priors.
            _registry = trial.Challenger;
            _trial = null;
            _accuracy = new LiveAccuracyBook(_registry);
            (_stacked, _factors) = (StackedWeights(_registry), new double[_registry.Members.Count]);
            _pending.Clear(); // their votes came from the old set's members
        }
        Decided?.Invoke(decision, champion, trial.Challenger);
    }
}
