using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Messaging;
using Plan2.Core.Tenancy;

namespace Plan2.Grains.Telegram;

/// <summary>
/// Link codes and linked chats, kept in grain state. A shell over <see cref="ExpiringOffers{T}"/>: a code
/// is an offer of a binding that the first "/start CODE" within its lifetime takes.
/// </summary>
public sealed class TelegramDirectoryGrain(
    [PersistentState("telegram-directory", StorageNames.GrainState)] IPersistentState<TelegramDirectoryState> state,
    TimeProvider clock) : Grain, ITelegramDirectoryGrain
{
    private readonly ExpiringOffers<TelegramCodeRecord> _codes = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var code in state.State.Codes)
            _codes.Add(code.Code, code, code.ExpiresAt);
        return Task.CompletedTask;
    }

    async Task<TelegramLinkCode> ITelegramDirectoryGrain.IssueCodeAsync(string tenant, string user, UserRole role)
    {
        if (!TenantNames.IsValidTenantId(tenant))
            throw new ArgumentException($"Tenant id '{tenant}' is invalid.", nameof(tenant));
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!Enum.IsDefined(role))
            throw new ArgumentException($"Role {role} is not a role.", nameof(role));
        var now = clock.GetUtcNow();
        _codes.Purge(now);
        string code;
        do code = LinkCodes.New(); while (_codes.Contains(code));
        var record = new TelegramCodeRecord { Code = code, Tenant = tenant, User = user, Role = role, ExpiresAt = now + LinkCodes.Lifetime };
        _codes.Add(code, record, record.ExpiresAt);
        await SaveAsync();
        return new TelegramLinkCode(code, record.ExpiresAt);
    }

    async Task<TelegramLinkResult> ITelegramDirectoryGrain.RedeemAsync(string code, long chatId)
    {
        if (LinkCodes.Normalize(code) is not { } normalized)
            return new TelegramLinkResult(null, OfferRefusals.Unknown);
        var (record, refusal) = _codes.Take(normalized, clock.GetUtcNow());
        if (record is null)
        {
            if (refusal != OfferRefusals.Unknown)
                await SaveAsync(); // an expired code is gone for good
            return new TelegramLinkResult(null, refusal);
        }
        var before = Find(chatId)?.Tenant; // a chat linked again may change tenant: both hear of it
        state.State.Links.RemoveAll(l => l.ChatId == chatId);
        var link = new TelegramLinkRecord { ChatId = chatId, Tenant = record.Tenant, User = record.User, Role = record.Role, LinkedAt = clock.GetUtcNow() };
        state.State.Links.Add(link);
        await SaveAsync();
        if (before != link.Tenant)
            TellChanged(before);
        TellChanged(link.Tenant);
        return new TelegramLinkResult(link.ToView());
    }

    Task<TelegramLink?> ITelegramDirectoryGrain.GetLinkAsync(long chatId) =>
        Task.FromResult(Find(chatId)?.ToView());

    Task<IReadOnlyList<TelegramLink>> ITelegramDirectoryGrain.LinksAsync(string? tenant) =>
        Task.FromResult<IReadOnlyList<TelegramLink>>(state.State.Links.Where(l => tenant is null || l.Tenant == tenant).Select(l => l.ToView()).ToList());

    async Task<TelegramLink> ITelegramDirectoryGrain.SetNotificationAsync(long chatId, NotificationKind kind, NotificationMode mode)
    {
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(mode))
            throw new ArgumentException($"Unknown notification kind {kind} or mode {mode}.");
        var link = Find(chatId) ?? throw new InvalidOperationException($"Chat {chatId} is not linked.");
        link.Notifications[kind] = mode;
        await SaveAsync();
        TellChanged(link.Tenant);
        return link.ToView();
    }

    async Task<TelegramLink> ITelegramDirectoryGrain.SetConfidenceThresholdAsync(long chatId, double threshold)
    {
        if (!(threshold is >= 0 and <= 1))
            throw new ArgumentException($"A confidence threshold is between 0 and 1, not {threshold}.", nameof(threshold));
        var link = Find(chatId) ?? throw new InvalidOperationException($"Chat {chatId} is not linked.");
        link.ConfidenceThreshold = threshold;
        await SaveAsync();
        TellChanged(link.Tenant);
        return link.ToView();
    }

    async Task ITelegramDirectoryGrain.UnlinkAsync(long chatId)
    {
        if (Find(chatId) is not { } link)
            return;
        state.State.Links.Remove(link);
        await SaveAsync();
        TellChanged(link.Tenant);
    }

    /// <summary>The tenant's notification grain keeps its links between notices: a change must reach it (one-way, after the save).</summary>
    private void TellChanged(string? tenant)
    {
        if (tenant is not null)
            GrainFactory.GetGrain<INotificationGrain>(tenant).LinksChangedAsync().Ignore();
    }

    private TelegramLinkRecord? Find(long chatId) => state.State.Links.Find(l => l.ChatId == chatId);

    private Task SaveAsync()
    {
        state.State.Codes = _codes.Waiting.Select(o => o.Item).ToList();
        return state.WriteStateAsync();
    }
}
