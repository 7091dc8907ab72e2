namespace Plan2.Core.Messaging;

/// <summary>
/// Decides what the outbox sends now, so a busy market does not flood a chat: each chat gets at most
/// one message per <see cref="ChatInterval"/>, and what queued up for it meanwhile goes out as one
/// message (joined, up to Telegram's 4096 characters), with sound if any part wants sound.
/// </summary>
public sealed class DeliveryPlanner(TimeSpan chatInterval)
{
    public const int MaxMessageLength = 4096;
    private readonly Dictionary<long, DateTimeOffset> _nextAllowed = [];

    public TimeSpan ChatInterval { get; } = chatInterval;

    /// <summary>Groups waiting messages (oldest first) into sends for the chats that may receive now.</summary>
    public IReadOnlyList<PlannedSend> Plan(IEnumerable<PendingDelivery> waiting, DateTimeOffset now)
    {
        var sends = new List<PlannedSend>();
        foreach (var chat in waiting.GroupBy(w => w.ChatId))
        {
            if (_nextAllowed.TryGetValue(chat.Key, out var next) && now < next)
                continue;
            var parts = new List<PendingDelivery>();
            var length = 0;
            foreach (var item in chat)
            {
                var added = item.Text.Length + (parts.Count == 0 ? 0 : 2);
                if (parts.Count > 0 && length + added > MaxMessageLength)
                    break;
                parts.Add(item);
                length += added;
            }
            var text = string.Join("\n\n", parts.Select(p => p.Text));
            if (text.Length > MaxMessageLength)
                text = text[..(MaxMessageLength - 1)] + "…";
            sends.Add(new PlannedSend(chat.Key, text, parts.All(p => p.Silent), parts.Select(p => p.Sequence).ToList()));
        }
        return sends;
    }

    /// <summary>The chat was just sent to: the next send waits an interval.</summary>
    public void Sent(long chatId, DateTimeOffset now) => _nextAllowed[chatId] = now + ChatInterval;
}

public sealed record PendingDelivery(long Sequence, long ChatId, string Text, bool Silent);

public sealed record PlannedSend(long ChatId, string Text, bool Silent, IReadOnlyList<long> Sequences);
