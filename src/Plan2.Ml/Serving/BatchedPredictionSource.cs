using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Plan2.Core.Features;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;

namespace Plan2.Ml.Serving;

/// <summary>
/// The backtester's prediction source: a <see cref="PredictorEngine"/> as in <see cref="EnginePredictionSource"/>,
/// but the members' ONNX scores are computed ahead, one call per member for each stretch of bars handed to
/// <see cref="Prepare"/>, on feature rows from a look-ahead copy of the engine's own features. The scoring runs in
/// the background (one task per member and stretch, on <see cref="ScoringThreads"/>) while the caller goes on with its
/// ticks, and the engine, when it reaches a stretch before its scores, runs the members not yet started itself. The
/// engine takes each bar as usual and, where it would run a member on that bar alone, takes the score computed ahead,
/// once it has checked that the window scored ahead is bit for bit its own window; otherwise (or for a bar not prepared) it scores the bar alone. ONNX Runtime gives a
/// row the same score alone or in a batch, so the predictions are the per-bar ones, and causal: each row is built
/// from bars up to its own close. With a <see cref="ConfidenceBand"/> the members without ensemble weight are scored
/// ahead only on the bars whose probability could leave the band whatever the live weights (the engine asks for no
/// others): the other members' scores bound it, as live weights stay within <see cref="LiveWeighting.WeightRange"/>.
/// Dispose it before its registry: scoring ahead runs on the registry's ONNX sessions.
/// </summary>
public sealed class BatchedPredictionSource : IBatchPredictionSource, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _disposed;
    private readonly ModelRegistry _registry;
    private readonly IndicatorSource _readings = new();
    private readonly FeatureBuilder _features = new();
    private readonly int _carry; // rows kept from earlier stretches: the longest window less one (zeros at first, as in FeatureWindow)
    private readonly Queue<PreparedBars> _prepared = new();
    private float[] _carried;
    private long _lastOpenTimeMs = long.MinValue;
    private long _checkedBar = -1;
    private readonly ConfidenceBand? _band;
    private readonly double[] _stacked; // each member's stacked weight
    private long _bandBars;

    public BatchedPredictionSource(ModelRegistry registry, ConfidenceBand? band = null)
    {
        _registry = registry;
        _band = band;
        _stacked = [.. registry.Members.Select(m => registry.Manifest.Ensemble.Weights.GetValueOrDefault(m.Entry.Name))];
        _carry = registry.MaxWindow - 1;
        _carried = new float[_carry * FeatureSchema.Count];
        Engine = new PredictorEngine(registry, scorer: Score, band: band);
    }

    public PredictorEngine Engine { get; }

    /// <summary>Member scores computed bar by bar because none computed ahead fitted (none in a plain backtest).</summary>
    public long ScoredAlone { get; private set; }

    /// <summary>With a band: bars on which the members without weight were scored ahead (the others needed no confidence).</summary>
    public long BarsOutsideBand => Interlocked.Read(ref _bandBars);

    private bool Deferred(int member) => _band is not null && _stacked[member] == 0;

    /// <summary>The engine's lean call on the bar with the indicator readings it closed with (the instrument's, computed once).</summary>
    public Prediction? OnBar(in BarClose bar)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Engine.Predict(bar.Candle, bar.Indicators, bar.Sequence);
    }

    /// <summary>Stretches handed over whose scoring has not finished yet.</summary>
    public int ScoringUnderWay => _prepared.Count(p => p.Tasks.Any(t => !t.IsCompleted));

    /// <summary>
    /// Stops scoring ahead and waits for the scoring already running, so that the registry's ONNX sessions can be
    /// disposed next: a run that failed or was cancelled part-way must not leave scoring behind it on freed sessions.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stop.Cancel();
        foreach (var block in _prepared)
        {
            foreach (var task in block.Tasks)
            {
                try { task.Wait(); }
                catch (AggregateException) { } // cancelled, or failed: either way it no longer runs
            }
        }
        _stop.Dispose();
    }

    /// <summary>Feature rows for <paramref name="bars"/> (which follow the bars of earlier calls), scored in the background from now on.</summary>
    public void Prepare(ReadOnlySpan<BarClose> bars)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var width = FeatureSchema.Count;
        var rows = new float[(_carry + bars.Length) * width];
        _carried.CopyTo(rows, 0);
        var n = 0;
        foreach (ref readonly var close in bars)
        {
            var bar = close.Candle;
            if (bar.Problem is not null || bar.OpenTimeMs <= _lastOpenTimeMs)
                break; // the engine refuses this bar: nothing after it in this stretch is scored ahead
            _lastOpenTimeMs = bar.OpenTimeMs;
            _features.Update(bar, _readings.Next(bar, close.Indicators, close.Sequence), rows.AsSpan((_carry + n++) * width, width));
        }
        _carried = rows.AsSpan(n * width, _carry * width).ToArray(); // the last rows taken: the next stretch's windows start in them
        if (n == 0)
            return;
        var scores = new float[_registry.Members.Count][];
        var members = _registry.Members;
        // One task per member: each has its own session, and none reads another's scores, so they run side by side on
        // the scoring threads, and the engine, when it reaches a bar before its score, runs a member not yet started
        // itself. In the dashboard the run's own thread is the current scheduler (the pool would starve the pages):
        // there every task waits in its queue until the engine's wait runs it inline.
        var scheduler = TaskScheduler.Current == TaskScheduler.Default ? ScoringThreads.Shared : TaskScheduler.Current;
        var token = _stop.Token;
        Task Start(Action work) => Task.Factory.StartNew(work, token, TaskCreationOptions.DenyChildAttach, scheduler);
        var tasks = new Task[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (Deferred(i)) continue;
            var m = i;
            tasks[m] = Start(() =>
            {
                var (own, steps) = Own(rows, m, n);
                scores[m] = members[m].Score(own, steps - 1 + n, width)[(steps - 1)..];
            });
        }
        Task? band = null;
        var weighted = tasks.Where(t => t is not null).ToArray();
        if (weighted.Length < members.Count)
        {
            // The members without weight: only where the weighted members' scores say the bar may leave the band.
            int[]? wanted = null;
            void Band()
            {
                foreach (var t in weighted) t.GetAwaiter().GetResult(); // a member that failed fails this too
                wanted = OutsideBand(scores, n);
                Interlocked.Add(ref _bandBars, wanted.Length);
            }
            band = weighted.Length == 0 ? Start(Band) : Task.Factory.ContinueWhenAll(weighted, _ => Band(), token, TaskContinuationOptions.DenyChildAttach, scheduler);
            for (var i = 0; i < members.Count; i++)
            {
                if (!Deferred(i)) continue;
                var m = i;
                tasks[m] = band.ContinueWith(before =>
                {
                    before.GetAwaiter().GetResult(); // the band's failure is this member's too
                    var (own, steps) = Own(rows, m, n);
                    var ends = wanted!.Select(j => steps - 1 + j).ToArray();
                    var some = members[m].ScoreAt(own, steps - 1 + n, width, ends);
                    var all = new float[n];
                    Array.Fill(all, float.NaN); // not scored ahead: the engine scores such a bar alone if it asks
                    for (var k = 0; k < wanted!.Length; k++)
                        all[wanted[k]] = some[k];
                    scores[m] = all;
                }, token, TaskContinuationOptions.DenyChildAttach, scheduler);
            }
        }
        _prepared.Enqueue(new PreparedBars(_features.Bars - n + 1, n, rows, scores, tasks, weighted, band));
    }

    /// <summary>The stretch's rows as member <paramref name="m"/> reads them: output steps-1 is the stretch's first bar.</summary>
    private (float[] Rows, int Steps) Own(float[] rows, int m, int n)
    {
        var width = FeatureSchema.Count;
        var steps = Math.Max(1, _registry.Members[m].Entry.WindowSteps);
        var first = _carry - (steps - 1);
        return (first == 0 ? rows : rows.AsSpan(first * width, (steps - 1 + n) * width).ToArray(), steps);
    }

    /// <summary>The stretch's bars whose live probability could lie outside the band, bounded from the weighted members' scores.</summary>
    private int[] OutsideBand(float[][] scores, int n)
    {
        var band = _band!.Value;
        var bias = _registry.Manifest.Ensemble.Bias;
        var wanted = new List<int>();
        for (var j = 0; j < n; j++)
        {
            double low = bias, high = bias;
            for (var m = 0; m < _stacked.Length; m++)
            {
                if (_stacked[m] == 0) continue;
                var logit = Ensemble.Logit(scores[m][j]);
                var (a, b) = LiveWeighting.WeightRange(_stacked[m]);
                low += Math.Min(a * logit, b * logit);
                high += Math.Max(a * logit, b * logit);
            }
            // A margin for rounding: a bar wrongly left out costs only a score alone, never a different answer.
            if (band.Needs(Ensemble.Sigmoid(high + 1e-9)) || band.Needs(Ensemble.Sigmoid(low - 1e-9)))
                wanted.Add(j);
        }
        return [.. wanted];
    }

    private float Score(OnnxScorer member, FeatureWindow window)
    {
        while (_prepared.TryPeek(out var oldest) && oldest.FirstBar + oldest.Count <= window.Bars)
            _prepared.Dequeue(); // behind the engine: never asked for again
        var m = IndexOf(member);
        if (m < 0 || !_prepared.TryPeek(out var block) || window.Bars < block.FirstBar || !SameWindow(block, window))
        {
            ScoredAlone++;
            return MemberScoring.Score(member, window);
        }
        var score = block.Ready(m)[window.Bars - block.FirstBar];
        if (float.IsNaN(score))
        {
            ScoredAlone++;
            return MemberScoring.Score(member, window);
        }
        return score;
    }

    /// <summary>The engine's window equals the rows scored ahead for that bar (checked once a bar, over the longest window).</summary>
    private bool SameWindow(PreparedBars block, FeatureWindow window)
    {
        if (_checkedBar == window.Bars)
            return true;
        var width = FeatureSchema.Count;
        var steps = _carry + 1;
        var index = (int)(window.Bars - block.FirstBar);
        var ahead = block.Rows.AsSpan(index * width, steps * width); // rows index … index + carry: the bar and the carry before it
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

    /// <summary>
    /// A stretch of bars from engine bar number <see cref="FirstBar"/> on: its rows (after the carry), each member's task and
    /// scores once ready; the members without weight wait for the weighted ones (<paramref name="Weighted"/>) and the band.
    /// </summary>
    private sealed record PreparedBars(long FirstBar, int Count, float[] Rows, float[][] Scores, Task[] Tasks, Task[] Weighted, Task? Band)
    {
        public float[] Ready(int member)
        {
            var task = Tasks[member];
            if (!task.IsCompletedSuccessfully)
            {
                if (!Weighted.Contains(task))
                {
                    foreach (var w in Weighted) Await(w); // run what has not started here, rather than wait for a thread to take it
                    Await(Band!);
                }
                Await(task);
            }
            return Scores[member];
        }

        private static void Await(Task task)
        {
            if (task.IsCompletedSuccessfully)
                return;
            // Running on another thread: sleep until it ends (Task.Wait spins first, on cores the scoring needs).
            // Not started yet: Wait runs it here.
            if (task.Status == TaskStatus.Running)
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            try { task.Wait(); }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1) { ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); }
        }
    }
}
