using System.Text;

namespace Plan2.MarketData.Import;

/// <summary>
/// Reads lines (LF, CRLF or a lone CR) like <see cref="StreamReader.ReadLine"/>, but refuses a line
/// longer than <see cref="MaxLineChars"/>: market-data lines are under a hundred characters, and a
/// line that never ends (<c>/dev/zero</c>, a binary file) must end the import with a clear error
/// rather than grow one string until the process runs out of memory.
/// </summary>
public sealed class BoundedLineReader : IDisposable
{
    /// <summary>Generous for any of the formats (a pandas export with extra columns included).</summary>
    public const int MaxLineChars = 4096;

    private readonly StreamReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _partial = new();
    private int _start, _end;
    private bool _skipLf, _eof;

    public BoundedLineReader(Stream input, bool leaveOpen = true) =>
        _reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen);

    /// <summary>Lines returned so far, for the message of a line that is too long.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its ending; null at the end. Throws <see cref="InvalidDataException"/> on a line over the cap.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct = default)
    {
        _partial.Clear();
        while (true)
        {
            if (_start == _end)
            {
                if (_eof || !await FillAsync(ct).ConfigureAwait(false))
                {
                    if (_partial.Length == 0)
                        return null;
                    LineNumber++;
                    return _partial.ToString();
                }
            }
            if (_skipLf)
            {
                _skipLf = false;
                if (_buffer[_start] == '\n' && ++_start == _end)
                    continue;
            }
            var span = _buffer.AsSpan(_start, _end - _start);
            var stop = span.IndexOfAny('\r', '\n');
            var take = stop < 0 ? span.Length : stop;
            if (_partial.Length + take > MaxLineChars)
                throw new InvalidDataException(
                    $"line {LineNumber + 1} is longer than {MaxLineChars} characters: not a market-data file (binary, or a line that never ends)");
            if (stop < 0)
            {
                _partial.Append(span);
                _start = _end;
                continue;
            }
            _skipLf = span[stop] == '\r';
            _start += stop + 1;
            LineNumber++;
            if (_partial.Length == 0)
                return new string(span[..stop]);
            _partial.Append(span[..stop]);
            return _partial.ToString();
        }
    }

    /// <summary>
    /// The first line, read synchronously (format detection), under the same cap. Safe on a thread whose
    /// scheduler it would block (the dashboard's backtest thread): the reader's awaits never come back to it.
    /// </summary>
    public static string? FirstLine(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BoundedLineReader(stream, leaveOpen: false);
        return reader.ReadLineAsync().AsTask().GetAwaiter().GetResult();
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _reader.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
        _eof = _end == 0;
        return !_eof;
    }

    public void Dispose() => _reader.Dispose();
}
