using System.Text.Json.Serialization;
using Plan2.Abstractions.Telegram;
using Plan2.Core.Messaging;

namespace Plan2.Grains.Telegram;

/// <summary>A chat's actions awaiting confirmation: a shell over <see cref="ExpiringOffers{T}"/>, kept in grain state.</summary>
public sealed class TelegramChatGrain(
    [PersistentState("telegram-chat", StorageNames.GrainState)] IPersistentState<TelegramChatState> state,
    TimeProvider clock) : Grain, ITelegramChatGrain
{
    private readonly ExpiringOffers<PendingAction> _pending = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var p in state.State.Pending)
            _pending.Add(p.Id, p.Action, p.ExpiresAt);
        return Task.CompletedTask;
    }

    async Task<string> ITelegramChatGrain.OfferAsync(PendingAction action, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (lifetime <= TimeSpan.Zero)
            throw new ArgumentException("A confirmation needs a positive lifetime.", nameof(lifetime));
        var now = clock.GetUtcNow();
        _pending.Purge(now);
        var id = (++state.State.LastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _pending.Add(id, action, now + lifetime);
        await SaveAsync();
        return id;
    }

    async Task<TakenAction> ITelegramChatGrain.TakeAsync(string id)
    {
        var (action, refusal) = _pending.Take(id ?? "", clock.GetUtcNow());
        if (refusal != OfferRefusals.Unknown)
            await SaveAsync();
        return new TakenAction(action, refusal);
    }

    async Task<bool> ITelegramChatGrain.CancelAsync(string id)
    {
        if (!_pending.Remove(id ?? ""))
            return false;
        await SaveAsync();
        return true;
    }

    private Task SaveAsync()
    {
        state.State.Pending = _pending.Waiting.Select(o => new PendingRecord { Id = o.Id, Action = o.Item, ExpiresAt = o.ExpiresAt }).ToList();
        return state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("plan2.telegram-chat-state.v1")]
public sealed class TelegramChatState
{
    [Id(0), JsonPropertyName("lastId")] public long LastId { get; set; }
    [Id(1), JsonPropertyName("pending")] public List<PendingRecord> Pending { get; set; } = [];
    // Id 2 ("marks") held daily equity readings for an older /pnl; a stored state that has them still reads (unknown fields are skipped).
}

[GenerateSerializer, Alias("plan2.telegram-pending-record.v1")]
public sealed class PendingRecord
{
    [Id(0), JsonPropertyName("id")] public string Id { get; set; } = "";
    [Id(1), JsonPropertyName("action")] public PendingAction Action { get; set; } = new("", "", "");
    [Id(2), JsonPropertyName("expiresAt")] public DateTimeOffset ExpiresAt { get; set; }
}
