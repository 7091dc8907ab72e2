using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;

namespace Plan2.Api.Streaming;

/// <summary>
/// The hub's connections and groups as SignalR keeps them, except for quotes: each quote is serialized once
/// and offered to every member of its symbol's group through that member's <see cref="LatestWins{T}"/>, so a
/// client that lags receives the latest quote per symbol (latest wins) rather than every stale one queued
/// behind its full buffer. Bars, predictions, orders and risk alerts are never dropped: they go as SignalR sends them.
/// </summary>
public sealed class MarketHubLifetimeManager(ILogger<DefaultHubLifetimeManager<MarketHub>> logger) : DefaultHubLifetimeManager<MarketHub>(logger)
{
    public const string QuoteMethod = "quote";
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LatestWins<SerializedHubMessage>>> _quoteGroups = new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        foreach (var members in _quoteGroups.Values)
            members.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (IsQuoteGroup(groupName) && _connections.TryGetValue(connectionId, out var connection))
            _quoteGroups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))
                .TryAdd(connectionId, new LatestWins<SerializedHubMessage>(m => connection.WriteAsync(m, CancellationToken.None)));
        return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_quoteGroups.TryGetValue(groupName, out var members))
            members.TryRemove(connectionId, out _);
        return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        if (methodName != QuoteMethod || !IsQuoteGroup(groupName))
            return base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        if (_quoteGroups.TryGetValue(groupName, out var members) && !members.IsEmpty)
        {
            var message = new SerializedHubMessage(new InvocationMessage(methodName, args)); // serialized once per protocol, on first use
            foreach (var member in members.Values)
                member.Offer(message);
        }
        return Task.CompletedTask;
    }

    private static bool IsQuoteGroup(string groupName) => groupName.StartsWith(MarketHub.QuoteGroupPrefix, StringComparison.Ordinal);
}
