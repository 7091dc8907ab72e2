namespace Plan2.MarketData.Import;

/// <summary>Walks the fields of one line without allocating.</summary>
internal ref struct FieldCursor(ReadOnlySpan<char> line, char separator)
{
    private ReadOnlySpan<char> _rest = line;
    private bool _done;

    public int Index { get; private set; }

    public bool Next(out ReadOnlySpan<char> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }
        var i = _rest.IndexOf(separator);
        if (i < 0)
        {
            field = _rest.Trim();
            _done = true;
        }
        else
        {
            field = _rest[..i].Trim();
            _rest = _rest[(i + 1)..];
        }
        Index++;
        return true;
    }
}
