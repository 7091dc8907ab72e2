using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// The ensemble as the live path serves it, replayed on rows in time order: the stacked weights moved by each
/// member's live accuracy in the row's regime (<see cref="LiveAccuracy"/>, <see cref="LiveWeighting"/>), each outcome
/// counted from the row <c>horizon</c> bars later in its series, as <see cref="PredictorEngine"/> resolves it, one
/// engine (live accuracy and pending outcomes) per series. The stacked ensemble is what the stacker fitted; this is
/// what a user is shown.
/// </summary>
public static class LiveReplay
{
    /// <summary>
    /// Scores rows [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="into"/> with live accuracy
    /// starting from <paramref name="priors"/> (each member's accuracy known before <paramref name="from"/>), as a model
    /// set does when it starts serving. A row some member cannot score stays NaN and counts for nothing, as serving waits
    /// until every member can.
    /// </summary>
    public static void Run(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, int from, int to,
        double bias, double[] weights, double[] priors, LiveMemory memory, float[] into) =>
        new Replayer(members, rows, horizon, priors, memory).Score(from, to, bias, weights, into);

    /// <summary>
    /// Walk-forward as served: each scored block by the bias and weights it was stacked with (<paramref name="picks"/>),
    /// live accuracy running on through a fold's blocks (the same members; a running engine keeps it when the weights
    /// change) and starting afresh with each fold's members from their accuracy on the labels known before it, as a
    /// retrained set starts serving.
    /// </summary>
    public static float[] WalkForward(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, CausalSchedule schedule,
        IReadOnlyList<Fold> folds, IReadOnlyList<(int Block, string Candidate, double Bias, double[] Weights)> picks, LiveMemory memory)
    {
        var served = CausalStacking.Nan(rows.Count);
        Replayer? live = null;
        var fold = -1;
        foreach (var (b, _, bias, weights) in picks)
        {
            var (start, end) = schedule.Blocks[b];
            var of = FoldOf(folds, start);
            if (live is null || of != fold)
            {
                var known = schedule.LabelsBefore(rows.Y, b);
                var priors = members.Select(m => MetricsCalculator.Compute(m, known, rows.ForwardReturn).Accuracy).ToArray();
                (live, fold) = (new Replayer(members, rows, horizon, priors, memory), of);
            }
            live.Score(start, end, bias, weights, served);
        }
        return served;
    }

    private static int FoldOf(IReadOnlyList<Fold> folds, int row)
    {
        for (var f = 0; f < folds.Count; f++)
            if (folds[f].ValidationStart <= row && row < folds[f].ValidationEnd)
                return f;
        throw new ArgumentException($"Row {row} is in no fold's validation rows.", nameof(row));
    }

    /// <param name="OutOfSample">Walk-forward as served: each block with the memory chosen on the blocks before it.</param>
    /// <param name="Picks">The memory that served each scored block, in time order.</param>
    /// <param name="Scores">Each candidate memory's walk-forward figure as served, every block with that memory.</param>
    /// <param name="Replays">Each candidate memory's walk-forward predictions as served.</param>
    public sealed record MemoryChoice(string Chosen, LiveMemory Memory, float[] OutOfSample, IReadOnlyList<(int Block, string Memory)> Picks,
        IReadOnlyDictionary<string, Metrics> Scores, IReadOnlyDictionary<string, float[]> Replays);

    /// <summary>
    /// How long serving's live accuracy should remember, chosen as the way of stacking is: on walk-forward replays alone,
    /// a later candidate of <see cref="LiveMemory.Candidates"/> replacing the first only when it wins clearly, and block by
    /// block, so the figure shipped as served was not chosen on its own rows.
    /// </summary>
    public static MemoryChoice ChooseMemory(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, CausalSchedule schedule,
        IReadOnlyList<Fold> folds, EnsembleSelection.Outcome selection)
    {
        var candidates = LiveMemory.Candidates;
        var served = candidates.Select(c => WalkForward(members, rows, horizon, schedule, folds, selection.Picks, c.Memory)).ToList();
        var (chosen, picks, final) = EnsembleSelection.BlockByBlock(served, rows.Y, schedule);
        var all = schedule.ScoredLabels(rows.Y, schedule.Blocks.Count);
        return new MemoryChoice(candidates[final].Name, candidates[final].Memory, chosen,
            [.. schedule.Scored.Zip(picks, (b, k) => (b, candidates[k].Name))],
            candidates.Select((c, k) => (c.Name, MetricsCalculator.Compute(served[k], all, rows.ForwardReturn))).ToDictionary(x => x.Name, x => x.Item2),
            candidates.Select((c, k) => (c.Name, served[k])).ToDictionary(x => x.Name, x => x.Item2));
    }

    /// <summary>What one predictor engine per series keeps between rows: live accuracy by regime and member, and the calls awaiting their outcome.</summary>
    private sealed class Replayer(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, double[] priors, LiveMemory memory)
    {
        private readonly Dictionary<int, (LiveAccuracy[] Book, Queue<(int Position, int Row, int Regime)> Pending)> _engines = [];
        private readonly double[] _probabilities = new double[members.Count];
        private readonly double[] _factors = new double[members.Count];

        public void Score(int from, int to, double bias, double[] weights, float[] into)
        {
            var n = members.Count;
            for (var i = from; i < to; i++)
            {
                var (series, position) = rows.Origin(i);
                var (book, pending) = Engine(series);
                // The bar at this position settles every call made horizon bars or more before it, before it is scored.
                while (pending.Count > 0 && position - pending.Peek().Position >= horizon)
                {
                    var (_, row, regime) = pending.Dequeue();
                    if (!float.IsFinite(rows.Y[row])) continue; // a tie, or no bar that far ahead: not scored
                    var up = rows.Y[row] > 0.5f;
                    for (var k = 0; k < n; k++)
                        book[regime * n + k].Record(members[k][row] >= 0.5f == up);
                }
                into[i] = float.NaN;
                var ready = true;
                for (var k = 0; k < n; k++)
                    ready &= float.IsFinite(members[k][i]);
                if (!ready) continue;
                var now = LiveWeighting.RegimeIndex(rows.Row(i));
                for (var k = 0; k < n; k++)
                {
                    _probabilities[k] = members[k][i];
                    _factors[k] = LiveWeighting.Factor(priors[k], book[now * n + k].Value);
                }
                into[i] = (float)LiveWeighting.Combine(bias, weights, _factors, _probabilities);
                pending.Enqueue((position, i, now));
            }
        }

        private (LiveAccuracy[] Book, Queue<(int Position, int Row, int Regime)> Pending) Engine(int series)
        {
            if (_engines.TryGetValue(series, out var engine))
                return engine;
            var book = new LiveAccuracy[LiveWeighting.Regimes * members.Count];
            for (var k = 0; k < book.Length; k++)
                book[k] = new LiveAccuracy(priors[k % members.Count], memory);
            return _engines[series] = (book, new Queue<(int, int, int)>());
        }
    }
}
