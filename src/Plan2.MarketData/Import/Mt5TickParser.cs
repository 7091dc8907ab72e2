using System.Globalization;
using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>
/// MT5 tick export. An empty BID, ASK or LAST means "unchanged since the previous tick" (FLAGS says
/// which changed), so the last value is carried forward; a price needed before any was seen is an error.
/// </summary>
internal sealed class Mt5TickParser(long utcOffsetMs) : LineParser(utcOffsetMs)
{
    private Price _bid, _ask, _last;

    public override LineKind Parse(ReadOnlySpan<char> line, out Tick tick, out Candle bar, out string? error)
    {
        if (IsMt5Header(line))
        {
            tick = default; bar = default; error = null;
            return LineKind.Header;
        }
        var f = new FieldCursor(line, '\t');
        if (!TryMt5Time(ref f, "HH:MM:SS.mmm", out var utcMs, out error))
            return Bad(error!, out tick, out bar, out error);
        if (!f.Next(out var bidText)) return Bad("too few fields", out tick, out bar, out error);
        f.Next(out var askText);
        f.Next(out var lastText);
        f.Next(out var volumeText);

        if (!Carry(bidText, "bid", ref _bid, out var bid, out error) || !Carry(askText, "ask", ref _ask, out var ask, out error))
            return Bad(error!, out tick, out bar, out error);
        var last = _last;
        if (!lastText.IsEmpty && !TryPrice(lastText, "last", out last, out error))
            return Bad(error!, out tick, out bar, out error);
        double volume = 0;
        if (!volumeText.IsEmpty && !double.TryParse(volumeText, NumberStyles.Float, CultureInfo.InvariantCulture, out volume))
            return Bad($"volume '{Shorten(volumeText)}' is not a number", out tick, out bar, out error);

        _bid = bid;
        _ask = ask;
        _last = last;
        tick = new Tick(utcMs, bid, ask, last, volume);
        bar = default;
        error = null;
        return LineKind.Tick;
    }

    private static bool Carry(ReadOnlySpan<char> text, string name, ref Price previous, out Price price, out string? error)
    {
        if (!text.IsEmpty)
            return TryPrice(text, name, out price, out error);
        price = previous;
        error = previous.Units == 0 ? $"{name} is empty and no earlier {name} to carry forward" : null;
        return error is null;
    }
}
