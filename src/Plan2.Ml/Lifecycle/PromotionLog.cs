using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plan2.Ml.Lifecycle;

/// <summary>
/// Promotion records as JSON lines in one append-only file: an audit trail readable with any tool.
/// Appends from many threads through one instance are serialised; use one instance per file.
/// </summary>
public sealed class PromotionLog(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, // as the model manifest
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        // An empty side's metrics are NaN; the record must still be writable.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Lock _gate = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Append(PromotionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.TimeUtc.Offset != TimeSpan.Zero)
            throw new ArgumentException($"Record time must be UTC, had offset {record.TimeUtc.Offset}.", nameof(record));
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            // Unbuffered, one write per line: a reader never sees half a record from this process.
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
            file.Write(line);
            file.Flush(flushToDisk: true); // promotions are rare and the audit trail must survive a crash
        }
    }

    /// <summary>All records in file order; empty when the file does not exist yet.</summary>
    public IReadOnlyList<PromotionRecord> ReadAll()
    {
        if (!File.Exists(Path)) return [];
        var records = new List<PromotionRecord>();
        string[] lines;
        lock (_gate)
            lines = File.ReadAllLines(Path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            try
            {
                records.Add(JsonSerializer.Deserialize<PromotionRecord>(lines[i], Json)
                    ?? throw new InvalidDataException("null record"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{Path} line {i + 1} is not a promotion record: {ex.Message}", ex);
            }
        }
        return records;
    }
}
