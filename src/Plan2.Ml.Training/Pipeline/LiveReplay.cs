using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// The ensemble as the live path serves it, replayed on rows in time order: the stacked weights moved by each
/// member's live accuracy in the row's regime (<see cref="LiveAccuracy"/>, <see cref="LiveWeighting"/>), each outcome
/// counted from the row <c>horizon</c> bars later in its series, as <see cref="PredictorEngine"/> resolves it.
/// The stacked ensemble is what the stacker fitted; this is what a user is shown.
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
        double bias, double[] weights, double[] priors, LiveMemory memory, float[] into)
    {
        var n = members.Count;
        var book = new LiveAccuracy[LiveWeighting.Regimes * n];
        for (var k = 0; k < book.Length; k++)
            book[k] = new LiveAccuracy(priors[k % n], memory);
        var pending = new Dictionary<int, Queue<(int Position, int Row, int Regime)>>();
        var probabilities = new double[n];
        var factors = new double[n];
        for (var i = from; i < to; i++)
        {
            var (series, position) = rows.Origin(i);
            if (!pending.TryGetValue(series, out var queue))
                pending[series] = queue = new();
            // The bar at this position settles every call made horizon bars or more before it, before it is scored.
            while (queue.Count > 0 && position - queue.Peek().Position >= horizon)
            {
                var (_, row, regime) = queue.Dequeue();
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
                probabilities[k] = members[k][i];
                factors[k] = LiveWeighting.Factor(priors[k], book[now * n + k].Value);
            }
            into[i] = (float)LiveWeighting.Combine(bias, weights, factors, probabilities);
            queue.Enqueue((position, i, now));
        }
    }

    /// <summary>
    /// Walk-forward as served: each scored block by the bias and weights it was stacked with (<paramref name="picks"/>),
    /// its live accuracy starting afresh from each member's accuracy on the labels known before the block, as a
    /// retrained set starts serving.
    /// </summary>
    public static float[] WalkForward(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, CausalSchedule schedule,
        IReadOnlyList<(int Block, string Candidate, double Bias, double[] Weights)> picks, LiveMemory memory)
    {
        var served = CausalStacking.Nan(rows.Count);
        foreach (var (b, _, bias, weights) in picks)
        {
            var known = schedule.LabelsBefore(rows.Y, b);
            var priors = members.Select(m => Accuracy(m, known)).ToArray();
            LiveReplay.Run(members, rows, horizon, schedule.Blocks[b].Start, schedule.Blocks[b].End, bias, weights, priors, memory, served);
        }
        return served;
    }

    private static double Accuracy(float[] p, float[] labels)
    {
        long hits = 0, count = 0;
        for (var i = 0; i < p.Length; i++)
            if (float.IsFinite(p[i]) && float.IsFinite(labels[i]))
            {
                count++;
                if (p[i] >= 0.5f == labels[i] > 0.5f) hits++;
            }
        return count == 0 ? 0.5 : (double)hits / count;
    }

    /// <param name="OutOfSample">Walk-forward as served: each block with the memory chosen on the blocks before it.</param>
    /// <param name="Scores">Each candidate memory's walk-forward figure as served, every block with that memory.</param>
    /// <param name="Replays">Each candidate memory's walk-forward predictions as served.</param>
    public sealed record MemoryChoice(string Chosen, LiveMemory Memory, float[] OutOfSample, IReadOnlyDictionary<string, Metrics> Scores,
        IReadOnlyDictionary<string, float[]> Replays);

    /// <summary>
    /// How long serving's live accuracy should remember, chosen as the way of stacking is: on walk-forward replays alone,
    /// a later candidate of <see cref="LiveMemory.Candidates"/> replacing the first only when it wins clearly, and block by
    /// block, so the figure shipped as served was not chosen on its own rows.
    /// </summary>
    public static MemoryChoice ChooseMemory(IReadOnlyList<float[]> members, TrainingRows rows, int horizon, CausalSchedule schedule,
        EnsembleSelection.Outcome selection)
    {
        var candidates = LiveMemory.Candidates;
        var served = candidates.Select(c => WalkForward(members, rows, horizon, schedule, selection.Picks, c.Memory)).ToList();
        var chosen = CausalStacking.Nan(rows.Count);
        foreach (var b in schedule.Scored)
        {
            var pick = b == schedule.FirstScored ? 0 : EnsembleSelection.ClearWinner(served, schedule.ScoredLabels(rows.Y, b));
            Array.Copy(served[pick], schedule.Blocks[b].Start, chosen, schedule.Blocks[b].Start, schedule.Blocks[b].End - schedule.Blocks[b].Start);
        }
        var all = schedule.ScoredLabels(rows.Y, schedule.Blocks.Count);
        var final = EnsembleSelection.ClearWinner(served, all);
        return new MemoryChoice(candidates[final].Name, candidates[final].Memory, chosen,
            candidates.Select((c, k) => (c.Name, MetricsCalculator.Compute(served[k], all, rows.ForwardReturn))).ToDictionary(x => x.Name, x => x.Item2),
            candidates.Select((c, k) => (c.Name, served[k])).ToDictionary(x => x.Name, x => x.Item2));
    }
}
