using Plan2.Abstractions.MarketData;

namespace Plan2.Grains.Predictions;

/// <summary>
/// Puts an instrument's bar closes back in order. Orleans does not order one-way observer calls, and a
/// predictor fed a bar before its predecessor would corrupt its running indicators (seen in tests:
/// closes arriving several bars early). Closes wait here until their predecessor arrived; one missing
/// for more than <see cref="MaxWaiting"/> later closes is taken as lost and skipped.
/// Sequences count within one activation of the instrument (its epoch): a close of a new epoch starts the
/// count again (what was waiting from the old one is released first, in order), and a straggler from an
/// epoch already left behind is dropped, so a predictor that outlives its instrument's activation resumes
/// on the new activation's first close instead of waiting for the numbers to catch up.
/// </summary>
public sealed class BarResequencer
{
    public const int MaxWaiting = 64;
    private const int RememberedEpochs = 16;
    private readonly SortedDictionary<long, BarView> _waiting = [];
    private readonly Queue<long> _leftBehind = new();
    private long? _next;
    private long _epoch;
    private bool _started;

    public long Skipped { get; private set; }

    /// <summary>Activations of the instrument seen after the first.</summary>
    public int EpochChanges { get; private set; }

    /// <summary>Takes one close; returns the closes that are now in order (possibly none), oldest first.</summary>
    public IReadOnlyList<BarView> Offer(BarView bar)
    {
        var ready = new List<BarView>();
        if (!_started || bar.Epoch != _epoch)
        {
            if (_leftBehind.Contains(bar.Epoch))
                return ready; // a late close of an activation already replaced
            if (_started)
                LeaveEpochBehind(ready);
            (_epoch, _started, _next) = (bar.Epoch, true, null);
        }
        // An activation's first closes are awaited from 1; a predictor that joins later starts where it joins.
        _next ??= bar.Sequence <= MaxWaiting ? 1 : bar.Sequence;
        if (bar.Sequence < _next)
            return ready; // already delivered or given up on
        _waiting[bar.Sequence] = bar;
        if (_waiting.Count > MaxWaiting)
        {
            var first = _waiting.Keys.First();
            Skipped += first - _next.Value;
            _next = first;
        }
        while (_waiting.Remove(_next.Value, out var next))
        {
            ready.Add(next);
            _next++;
        }
        return ready;
    }

    private void LeaveEpochBehind(List<BarView> ready)
    {
        EpochChanges++;
        ready.AddRange(_waiting.Values); // real closes whose predecessor will not come now
        _waiting.Clear();
        _leftBehind.Enqueue(_epoch);
        if (_leftBehind.Count > RememberedEpochs)
            _leftBehind.Dequeue();
    }
}
