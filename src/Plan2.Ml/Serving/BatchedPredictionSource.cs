using System.Runtime.InteropServices;
using Plan2.Core.Features;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;

namespace Plan2.Ml.Serving;

/// <summary>
/// The backtester's prediction source: a <see cref="PredictorEngine"/> as in <see cref="EnginePredictionSource"/>,
/// but the members' ONNX scores for a block of bars are computed ahead, one call per member
/// (<see cref="Prepare"/>, the members side by side on the machine's cores), on feature rows from a look-ahead copy of the engine's own features. The engine then
/// takes each bar as usual and, where it would run a member on that bar alone, takes the score computed ahead,
/// once it has checked that the window scored ahead is bit for bit its own window; otherwise (or for a bar
/// not prepared) it scores the bar alone. ONNX Runtime gives a row the same score alone or in a batch, so the
/// predictions are the per-bar ones, and causal: each row is built from bars up to its own close.
/// </summary>
public sealed class BatchedPredictionSource : IBatchPredictionSource
{
    private readonly ModelRegistry _registry;
    private readonly IndicatorSource _readings = new();
    private readonly FeatureBuilder _features = new();
    private readonly int _carry; // rows kept from earlier blocks: the longest window less one (zeros at first, as in FeatureWindow)
    private readonly float[][] _scores;
    private float[] _rows;
    private long _firstBar; // the engine's bar number (FeatureWindow.Bars) of the block's first bar
    private int _prepared;
    private long _lastOpenTimeMs = long.MinValue;
    private long _checkedBar = -1;

    public BatchedPredictionSource(ModelRegistry registry)
    {
        _registry = registry;
        _carry = registry.MaxWindow - 1;
        _rows = new float[_carry * FeatureSchema.Count];
        _scores = new float[registry.Members.Count][];
        Engine = new PredictorEngine(registry, scorer: Score);
    }

    public PredictorEngine Engine { get; }

    /// <summary>Member scores computed bar by bar because none computed ahead fitted (none in a plain backtest).</summary>
    public long ScoredAlone { get; private set; }

    public Prediction? OnBar(in BarClose bar) =>
        Engine.OnBar(bar.Candle) is { } p ? new Prediction(p.BarTimeMs, p.ProbabilityUp, p.Confidence) : null;

    public void Prepare(ReadOnlySpan<BarClose> bars)
    {
        var width = FeatureSchema.Count;
        var carried = _rows.AsSpan(_rows.Length - _carry * width).ToArray();
        _rows = new float[(_carry + bars.Length) * width];
        carried.CopyTo(_rows, 0);
        var n = 0;
        foreach (ref readonly var close in bars)
        {
            var bar = close.Candle;
            if (bar.Problem is not null || bar.OpenTimeMs <= _lastOpenTimeMs)
                break; // the engine refuses this bar: nothing after it is scored ahead
            _lastOpenTimeMs = bar.OpenTimeMs;
            _features.Update(bar, _readings.Next(bar, null, 0), _rows.AsSpan((_carry + n++) * width, width));
        }
        _firstBar = _features.Bars - n + 1;
        _prepared = n;
        // Members side by side: each has its own session, and none reads another's scores. On the scheduler the run is on
        // (Parallel.For would take the thread pool): the pool's cores for the CLI, its own thread in the dashboard.
        Parallel.For(0, _scores.Length, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, m =>
        {
            var steps = Math.Max(1, _registry.Members[m].Entry.WindowSteps);
            var from = (_carry - (steps - 1)) * width; // so that output steps-1 is the block's first bar
            var rows = from == 0 ? _rows : _rows.AsSpan(from).ToArray();
            _scores[m] = n == 0 ? [] : _registry.Members[m].Score(rows, steps - 1 + n, width)[(steps - 1)..];
        });
    }

    private float Score(OnnxScorer member, FeatureWindow window)
    {
        var index = window.Bars - _firstBar;
        var m = IndexOf(member);
        if (m < 0 || index < 0 || index >= _prepared || !SameWindow(window, (int)index))
        {
            ScoredAlone++;
            return MemberScoring.Score(member, window);
        }
        return _scores[m][index];
    }

    /// <summary>The engine's window equals the rows scored ahead for that bar (checked once a bar, over the longest window).</summary>
    private bool SameWindow(FeatureWindow window, int index)
    {
        if (_checkedBar == window.Bars)
            return true;
        var width = FeatureSchema.Count;
        var steps = _carry + 1;
        var ahead = _rows.AsSpan((_carry + index - (steps - 1)) * width, steps * width);
        if (!MemoryMarshal.AsBytes(ahead).SequenceEqual(MemoryMarshal.AsBytes(window.Tail(steps))))
            return false;
        _checkedBar = window.Bars;
        return true;
    }

    private int IndexOf(OnnxScorer member)
    {
        for (var i = 0; i < _registry.Members.Count; i++)
            if (ReferenceEquals(_registry.Members[i], member))
                return i;
        return -1;
    }
}
