using Plan2.Abstractions.MarketData;

namespace Plan2.Grains.Predictions;

/// <summary>
/// Puts an instrument's bar closes back in order. Orleans does not order one-way observer calls, and a
/// predictor fed a bar before its predecessor would corrupt its running indicators (seen in tests:
/// closes arriving several bars early). Closes wait here until their predecessor arrived; one missing
/// for more than <see cref="MaxWaiting"/> later closes is taken as lost and skipped.
/// </summary>
public sealed class BarResequencer
{
    public const int MaxWaiting = 64;
    private readonly SortedDictionary<long, BarView> _waiting = [];
    private long? _next;

    public long Skipped { get; private set; }

    /// <summary>Takes one close; returns the closes that are now in order (possibly none), oldest first.</summary>
    public IReadOnlyList<BarView> Offer(BarView bar)
    {
        // An instrument's first closes are awaited from 1; a predictor that joins later starts where it joins.
        _next ??= bar.Sequence <= MaxWaiting ? 1 : bar.Sequence;
        if (bar.Sequence < _next)
            return []; // already delivered or given up on
        _waiting[bar.Sequence] = bar;
        if (_waiting.Count > MaxWaiting)
        {
            var first = _waiting.Keys.First();
            Skipped += first - _next.Value;
            _next = first;
        }
        var ready = new List<BarView>();
        while (_waiting.Remove(_next.Value, out var next))
        {
            ready.Add(next);
            _next++;
        }
        return ready;
    }
}
