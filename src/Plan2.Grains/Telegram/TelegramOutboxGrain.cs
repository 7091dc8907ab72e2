using System.Text.Json.Serialization;
using Plan2.Abstractions.Telegram;

namespace Plan2.Grains.Telegram;

/// <summary>
/// The durable outbox: a queue in grain state, written before enqueue returns and after each
/// acknowledgement, so a message leaves it only once Telegram took it.
/// </summary>
public sealed class TelegramOutboxGrain(
    [PersistentState("telegram-outbox", StorageNames.GrainState)] IPersistentState<TelegramOutboxState> state,
    TimeProvider clock) : Grain, ITelegramOutboxGrain
{
    /// <summary>
    /// A chat unreachable for good (blocked the bot) must not grow the queue without end. Per tenant: a tenant's
    /// flood drops its own oldest messages, never another tenant's.
    /// </summary>
    public const int MaxQueuedPerTenant = 10_000;

    /// <summary>How long a deliverer keeps the outbox after its last peek (in memory: a new activation starts free).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private string? _deliverer;
    private DateTimeOffset _leaseUntil;

    async Task ITelegramOutboxGrain.EnqueueAsync(IReadOnlyList<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return;
        var now = clock.GetUtcNow();
        foreach (var m in messages)
            state.State.Queue.Add(new QueuedMessage(++state.State.LastSequence, m, now));
        foreach (var tenant in messages.Select(m => m.Tenant ?? "").Distinct())
        {
            var over = state.State.Queue.Count(q => TenantOf(q) == tenant) - MaxQueuedPerTenant;
            if (over > 0)
                state.State.Queue.RemoveAll(q => TenantOf(q) == tenant && over-- > 0); // the tenant's oldest go first
        }
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<QueuedMessage>> ITelegramOutboxGrain.PeekAsync(int max, string deliverer)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliverer);
        var now = clock.GetUtcNow();
        if (_deliverer != deliverer && now < _leaseUntil)
            return Task.FromResult<IReadOnlyList<QueuedMessage>>([]);
        (_deliverer, _leaseUntil) = (deliverer, now + Lease);
        return Task.FromResult<IReadOnlyList<QueuedMessage>>(InTurns(state.State.Queue).Take(Math.Max(0, max)).ToList());
    }

    Task ITelegramOutboxGrain.ReleaseAsync(string deliverer)
    {
        if (_deliverer == deliverer)
            (_deliverer, _leaseUntil) = (null, default);
        return Task.CompletedTask;
    }

    async Task ITelegramOutboxGrain.AckAsync(IReadOnlyList<long> sequences)
    {
        var done = sequences.ToHashSet();
        if (state.State.Queue.RemoveAll(q => done.Contains(q.Sequence)) > 0)
            await state.WriteStateAsync();
    }

    Task<int> ITelegramOutboxGrain.CountAsync() => Task.FromResult(state.State.Queue.Count);

    Task<int> ITelegramOutboxGrain.CountForAsync(string tenant) =>
        Task.FromResult(state.State.Queue.Count(q => TenantOf(q) == (tenant ?? "")));

    // A message queued before tenants were recorded reads with none: it counts as the platform's, never a tenant's.
    private static string TenantOf(QueuedMessage q) => q.Message.Tenant ?? "";

    /// <summary>Each tenant's first message, then each one's second, and so on; a tenant's own order is kept.</summary>
    private static IEnumerable<QueuedMessage> InTurns(List<QueuedMessage> queue)
    {
        var turn = new Dictionary<string, int>(StringComparer.Ordinal);
        return queue.Select(q => (Message: q, Turn: turn[TenantOf(q)] = turn.GetValueOrDefault(TenantOf(q)) + 1))
            .OrderBy(x => x.Turn).ThenBy(x => x.Message.Sequence).Select(x => x.Message);
    }
}

[GenerateSerializer, Alias("plan2.telegram-outbox-state.v1")]
public sealed class TelegramOutboxState
{
    [Id(0), JsonPropertyName("lastSequence")] public long LastSequence { get; set; }
    [Id(1), JsonPropertyName("queue")] public List<QueuedMessage> Queue { get; set; } = [];
}
