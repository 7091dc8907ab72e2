using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Core.MarketData;
using Plan2.Grains.MarketData;
using Plan2.Grains.Operations;
using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;

namespace Plan2.Grains.Predictions;

/// <summary>
/// A thin shell over <see cref="PredictorEngine"/> for one symbol and timeframe: it observes its
/// instrument's bar closes (no quotes), predicts on every close of its timeframe from the indicator
/// readings the close carries, and keeps the last predictions for clients. The ONNX sessions are the
/// silo's (<see cref="IModelSource"/>), shared by every predictor.
/// </summary>
public sealed class PredictorGrain(
    [PersistentState("predictor", StorageNames.GrainState)] IPersistentState<PredictorState> state,
    IModelSource models, IPredictionPublisher publisher, TimeProvider clock, ILogger<PredictorGrain> logger) : Grain, IPredictorGrain
{
    private const int Keep = 200;
    private const int WarmUpBars = 300;
    private readonly LinkedList<PredictionView> _recent = new();
    private readonly BarResequencer _inOrder = new();
    private readonly SavedShadow _shadow = new(state);
    private PredictorEngine? _engine;
    private string _symbol = "";
    private Timeframe _timeframe;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString().Split('/');
        if (key.Length != 2 || !TimeframeExtensions.TryParse(key[1], out _timeframe))
            throw new ArgumentException($"A predictor's key is SYMBOL/TIMEFRAME, not '{this.GetPrimaryKeyString()}'.");
        _symbol = key[0];
        if (models.Registry is { } shipped)
        {
            _engine = new PredictorEngine(await ChampionAsync(shipped));
            _engine.Decided += (decision, champion, challenger) => Record(
                PromotionRecord.Create(clock, this.GetPrimaryKeyString(), champion.Version, challenger.Version, decision));
        }
    }

    /// <summary>The model set promoted for this symbol and timeframe (kept by the cluster's lifecycle), else the shipped one.</summary>
    private async Task<ModelRegistry> ChampionAsync(ModelRegistry shipped)
    {
        try
        {
            var lifecycle = GrainFactory.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
            if (await lifecycle.GetChampionAsync(this.GetPrimaryKeyString()) is not { } version)
                return shipped;
            if (models.Opened(version) is { } open)
                return open;
            return await lifecycle.GetModelFilesAsync(version) is { } files ? models.Open(files) : shipped;
        }
        catch (Exception e)
        {
            // Predicting with the shipped models beats not predicting; the next activation tries again.
            logger.LogWarning(e, "{Key}: the promoted champion could not be loaded; serving the shipped models", this.GetPrimaryKeyString());
            return shipped;
        }
    }

    async Task IPredictorGrain.StartAsync()
    {
        var instrument = GrainFactory.GetGrain<IInstrumentGrain>(_symbol);
        await instrument.SubscribeBarsAsync(this.AsReference<IPredictorGrain>());
        if (_engine is not { LastBarTimeMs: long.MinValue })
            return;
        // A new activation (first start, idle collection, its silo gone) warms up on the instrument's recent closes
        // instead of waiting ~90 live bars. Closes arriving meanwhile queue behind this turn; the resequencer drops
        // those already taken here.
        var snapshot = await instrument.GetSnapshotAsync(WarmUpBars);
        if (snapshot.RecentBars.TryGetValue(_timeframe.ToString(), out var bars))
            foreach (var bar in bars)
                foreach (var next in _inOrder.Offer(bar))
                    Predict(next, publish: false);
    }

    Task<IReadOnlyList<PredictionView>> IPredictorGrain.GetRecentAsync(int count) =>
        Task.FromResult<IReadOnlyList<PredictionView>>(_recent.Take(Math.Clamp(count, 0, Keep)).ToList());

    async Task IBarObserver.OnBarClosedAsync(BarView bar)
    {
        if (_engine is null || bar.Timeframe != _timeframe.ToString())
            return;
        foreach (var next in _inOrder.Offer(bar))
            Predict(next, publish: true);
        await _shadow.SaveAsync(_engine, due: true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_engine is not null)
            await _shadow.SaveAsync(_engine, due: false);
    }

    /// <summary>Predicts on a close; warm-up predictions are kept for clients but not published: their bars are past.</summary>
    private void Predict(BarView bar, bool publish)
    {
        var candle = bar.ToCandle();
        if (candle.OpenTimeMs <= _engine!.LastBarTimeMs)
        {
            // A new activation of the instrument may rebuild a bar this predictor already took.
            logger.LogDebug("{Key}: bar at {Time} is not after the last one taken; skipped", this.GetPrimaryKeyString(), candle.OpenTimeMs);
            return;
        }
        _engine.UseChallenger(models.Challenger, models.ChallengerSince?.ToUnixTimeMilliseconds() ?? long.MinValue, _shadow.Resume(models.Challenger));
        var started = Stopwatch.GetTimestamp();
        if (_engine.OnBar(candle, bar.Indicators.ToValues(), bar.Sequence) is not { } prediction)
            return;
        if (publish) // live bars only: warm-up replays would skew the latency
            Plan2Metrics.PredictionLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("timeframe", _timeframe.ToString()));
        var view = ToView(prediction);
        _recent.AddFirst(view);
        if (_recent.Count > Keep) _recent.RemoveLast();
        if (publish)
            publisher.Publish(this.GetPrimaryKeyString(), view, bar);
    }

    /// <summary>Logs a promotion decision on this silo and keeps it in the cluster's durable promotion log.</summary>
    private void Record(PromotionRecord record)
    {
        models.Record(record);
        var d = record.Decision;
        _ = GrainFactory.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key).RecordPromotionAsync(new PromotionEntry(record.TimeUtc,
            record.Scope, record.ChampionVersion, record.ChallengerVersion, d.Outcome.ToString(), d.Explanation, d.Evidence.Pairs,
            d.Evidence.MeanLossDifference)); // one-way
    }

    private PredictionView ToView(PredictionResult p) => new(_symbol, _timeframe.ToString(), p.BarTimeMs, p.ProbabilityUp, p.Direction,
        p.Confidence, p.Regime, p.Votes.Select(v => new ModelVoteView(v.Name, v.Kind, v.ProbabilityUp, v.Weight, v.LiveAccuracy, v.Resolved)).ToList(),
        p.LatencyMicroseconds, p.EnsembleLiveAccuracy, p.Resolved, p.BaselineLiveAccuracy,
        p.Patterns.Select(x => new PatternView(x.Pattern.ToString(), x.Direction, x.Confidence, x.Occurrences)).ToList(),
        _engine!.Champion.Version, _engine.Challenger?.Version, _engine.Shadow?.Count ?? 0,
        _engine.Shadow is { Count: > 0 } shadow ? shadow.Evidence().MeanLossDifference : double.NaN);
}
