using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Plan2.Storage.Orders;

/// <summary>
/// How appends become rows of plan2_order_events (schema version 2, see order-log-v2.sql): the entries of
/// one append to one stream, in sequence, share a row; the first fills the row's own columns and the rest
/// go to "more". Two appends never share a row, so a failed append still fails alone.
/// </summary>
internal static class OrderLogEncoding
{
    public readonly record struct StoredRow(OrderLogRow First, string? More);

    public static List<StoredRow> Rows(IReadOnlyList<IReadOnlyList<OrderLogRow>> appends)
    {
        var stored = new List<StoredRow>();
        foreach (var append in appends)
            for (var i = 0; i < append.Count;)
            {
                var end = i + 1;
                while (end < append.Count && Follows(append[end - 1], append[end]))
                    end++;
                stored.Add(new StoredRow(append[i], end - i == 1 ? null : More(append, i + 1, end)));
                i = end;
            }
        return stored;
    }

    private static bool Follows(OrderLogRow previous, OrderLogRow next) =>
        next.Sequence == previous.Sequence + 1 && next.StreamId == previous.StreamId
        && next.Tenant == previous.Tenant && next.AccountId == previous.AccountId;

    private static string More(IReadOnlyList<OrderLogRow> rows, int from, int to)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * (to - from));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = from; i < to; i++)
            {
                json.WriteStartObject();
                json.WriteString("at", Microseconds(rows[i].At));
                json.WriteString("kind", rows[i].Kind);
                json.WritePropertyName("payload");
                json.WriteRawValue(rows[i].Payload); // checked as JSON here: a read parses "more" to split the row
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>UTC cut to the microsecond, as the binary protocol cuts a row's own time, so both read back alike.</summary>
    private static string Microseconds(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
