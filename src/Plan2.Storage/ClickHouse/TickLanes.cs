using Plan2.Storage.Ticks;

namespace Plan2.Storage.ClickHouse;

/// <summary>
/// Splits one append's tick runs into lanes the store inserts concurrently: every symbol in exactly one lane, its runs
/// in the order given, so within a lane (sequential inserts) a crash still leaves a prefix of each symbol's runs, and
/// the feed position a (feed, symbol) resumes from never claims a tick that is not stored. Symbols are dealt out by
/// rows, largest first, to the lane holding fewest so far, so the lanes finish together.
/// </summary>
public static class TickLanes
{
    public static IReadOnlyList<IReadOnlyList<TickRun>> Split(IReadOnlyList<TickRun> runs, int maxLanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLanes);
        var bySymbol = new Dictionary<string, List<TickRun>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var run in runs)
        {
            if (run.Ticks.IsEmpty) continue;
            if (!bySymbol.TryGetValue(run.Symbol, out var list))
            {
                bySymbol[run.Symbol] = list = [];
                order.Add(run.Symbol);
            }
            list.Add(run);
        }
        var count = Math.Min(maxLanes, order.Count);
        if (count <= 1)
            return order.Count == 0 ? [] : [order.SelectMany(s => bySymbol[s]).ToList()];
        var lanes = Enumerable.Range(0, count).Select(_ => (Rows: 0L, Runs: new List<TickRun>())).ToArray();
        foreach (var symbol in order.OrderByDescending(s => bySymbol[s].Sum(r => (long)r.Ticks.Length)))
        {
            var least = 0;
            for (var i = 1; i < lanes.Length; i++)
                if (lanes[i].Rows < lanes[least].Rows) least = i;
            lanes[least].Runs.AddRange(bySymbol[symbol]);
            lanes[least].Rows += bySymbol[symbol].Sum(r => (long)r.Ticks.Length);
        }
        return lanes.Select(l => (IReadOnlyList<TickRun>)l.Runs).ToList();
    }
}
