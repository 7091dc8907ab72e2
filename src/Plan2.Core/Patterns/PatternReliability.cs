using Plan2.Core.MarketData;

namespace Plan2.Core.Patterns;

/// <summary>
/// Measures how often each pattern's prediction came true on one instrument: an occurrence at bar t is
/// resolved at bar t + <see cref="Horizon"/> by comparing the two closes. Holds one slot per pending bar
/// (a ring of <see cref="Horizon"/> slots, one cell per pattern), so it allocates nothing per bar.
/// </summary>
public sealed class PatternReliability
{
    private readonly sbyte[] _expected; // [slot * Count + pattern]: predicted move, 0 = nothing pending
    private readonly long[] _entryClose; // [slot]: close of the bar the patterns completed on
    private readonly PatternStats[] _stats = new PatternStats[CandlePatterns.Count];
    private long _bars;

    public PatternReliability(int horizon = 5)
    {
        Horizon = horizon >= 1 ? horizon : throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be at least 1.");
        _expected = new sbyte[horizon * CandlePatterns.Count];
        _entryClose = new long[horizon];
    }

    /// <summary>Bars after the pattern at which its outcome is read.</summary>
    public int Horizon { get; }

    /// <summary>
    /// Feeds one closed bar: first settles occurrences from <see cref="Horizon"/> bars ago against its close,
    /// then records <paramref name="hits"/>, the patterns this bar completed.
    /// </summary>
    public void OnBar(in Candle bar, ReadOnlySpan<PatternHit> hits)
    {
        var slot = (int)(_bars % Horizon);
        var cells = _expected.AsSpan(slot * CandlePatterns.Count, CandlePatterns.Count);
        var move = Math.Sign(bar.Close.Units - _entryClose[slot]);
        for (var p = 0; p < cells.Length; p++)
        {
            if (cells[p] != 0)
                Resolve(p, cells[p] == move, move == 0);
        }

        cells.Clear();
        foreach (var hit in hits)
            cells[(int)hit.Pattern] = (sbyte)hit.ExpectedMove;
        _entryClose[slot] = bar.Close.Units;
        _bars++;
    }

    public PatternStats Stats(CandlePattern pattern) => _stats[(int)pattern];

    /// <summary>The hit as a signal, its confidence read from the record so far.</summary>
    public PatternSignal Signal(in PatternHit hit)
    {
        var stats = Stats(hit.Pattern);
        return new PatternSignal(hit.Pattern, hit.Direction, stats.Reliability, stats.Occurrences, hit.OpenTimeMs);
    }

    private void Resolve(int pattern, bool hit, bool flat)
    {
        var s = _stats[pattern];
        _stats[pattern] = new PatternStats(
            s.Occurrences + 1,
            s.Hits + (hit ? 1 : 0),
            s.Misses + (hit || flat ? 0 : 1));
    }
}
