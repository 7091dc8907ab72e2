using System.Runtime.CompilerServices;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Client;

/// <summary>
/// An order to place. <see cref="ClientOrderId"/> is your idempotency key: sending the same one again (after a
/// timeout, a crash, a reconnect) returns the first order and never places a second. Quantity in lots.
/// </summary>
public sealed record NewOrder(
    string ClientOrderId,
    string Symbol,
    TradeSide Side,
    decimal Quantity,
    TradeOrderType Type = TradeOrderType.Market,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    string? AccountId = null);

public sealed partial class Plan2Client
{
    private static readonly TimeSpan TrackInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How the audit trail names this client: its API key, as the REST API names a key's calls.</summary>
    private Abstractions.Trading.Actor Me => Abstractions.Trading.Actor.ApiKey(KeyId);

    /// <summary>Places an order through pre-trade risk. Refusals (risk, unknown symbol) come back in the outcome, not as exceptions.</summary>
    public Task<OrderOutcome> PlaceOrderAsync(NewOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        ClientOrderIds.Require(order.ClientOrderId);
        if (order.Quantity <= 0m)
            throw new ArgumentException("Quantity must be more than zero lots.", nameof(order));
        var request = new PlaceOrder(order.ClientOrderId, Symbol(order.Symbol), order.Side, order.Quantity, Me, order.Type, order.LimitPrice, order.StopPrice);
        return WithGrantAsync(() => Account(order.AccountId).PlaceOrderAsync(request));
    }

    /// <summary>The order with its fills and audit trail, null if there is none with that client order id.</summary>
    public Task<OrderView?> GetOrderAsync(string clientOrderId, string? accountId = null)
    {
        ClientOrderIds.Require(clientOrderId);
        return WithGrantAsync(() => Cluster.GetGrain<IOrderGrain>($"{TenantId}/{AccountId(accountId)}.{clientOrderId}").GetAsync());
    }

    /// <summary>The order each time its state or filled quantity changes, until it is closed (filled, canceled, rejected, denied, expired).</summary>
    public async IAsyncEnumerable<OrderView> TrackOrderAsync(string clientOrderId, string? accountId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (OrderState, decimal)? last = null;
        while (true)
        {
            var order = await GetOrderAsync(clientOrderId, accountId);
            if (order is not null && (order.State, order.FilledQuantity) != last)
            {
                last = (order.State, order.FilledQuantity);
                yield return order;
                if (IsClosed(order.State))
                    yield break;
            }
            await Task.Delay(TrackInterval, cancellationToken);
        }
    }

    /// <summary>Waits until the order is closed (or <paramref name="timeout"/> passes: TimeoutException) and returns it.</summary>
    public async Task<OrderView> WaitForOrderClosedAsync(string clientOrderId, TimeSpan timeout, string? accountId = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        OrderView? seen = null;
        try
        {
            await foreach (var order in TrackOrderAsync(clientOrderId, accountId, deadline.Token))
                seen = order;
            return seen!;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Order '{clientOrderId}' is still {seen?.State.ToString() ?? "unknown"} after {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Cancels a working order; refused (in the outcome) when it is already closed.</summary>
    public Task<OrderOutcome> CancelOrderAsync(string clientOrderId, string? accountId = null)
    {
        ClientOrderIds.Require(clientOrderId);
        return WithGrantAsync(() => Account(accountId).CancelOrderAsync(clientOrderId, Me));
    }

    /// <summary>Cash, positions, realised and unrealised P&amp;L, open orders and limits; null if the account was never opened.</summary>
    public Task<AccountView?> GetAccountAsync(string? accountId = null) => WithGrantAsync(() => Account(accountId).GetAsync());

    /// <summary>The account's open positions.</summary>
    public async Task<IReadOnlyList<PositionView>> GetPositionsAsync(string? accountId = null) =>
        (await GetAccountAsync(accountId))?.Positions ?? [];

    /// <summary>The tenant's accounts (as registered through the API or <see cref="OpenAccountAsync"/>).</summary>
    public Task<IReadOnlyList<string>> ListAccountsAsync() => WithGrantAsync(() => Cluster.GetGrain<ITenantAccountsGrain>(TenantId).ListAsync());

    /// <summary>Opens a paper account and registers it with the tenant (an Admin key only).</summary>
    public async Task<AccountView> OpenAccountAsync(string accountId, string currency, decimal deposit, PositionMode mode = PositionMode.Netting)
    {
        var view = await WithGrantAsync(() => Account(accountId).OpenAsync(new OpenAccount(currency, mode, deposit, Me)));
        await WithGrantAsync(async () => { await Cluster.GetGrain<ITenantAccountsGrain>(TenantId).RegisterAsync(accountId); return 0; });
        return view;
    }

    /// <summary>Stops (true) or resumes (false) new orders on the account.</summary>
    public Task SetKillSwitchAsync(bool engaged, string? accountId = null) =>
        WithGrantAsync(async () => { await Account(accountId).SetKillSwitchAsync(engaged, Me); return 0; });

    public static bool IsClosed(OrderState state) =>
        state is OrderState.Filled or OrderState.Canceled or OrderState.Rejected or OrderState.Denied or OrderState.Expired;

    private IAccountGrain Account(string? accountId) => Cluster.GetGrain<IAccountGrain>($"{TenantId}/{AccountId(accountId)}");

    private string AccountId(string? accountId)
    {
        var id = accountId ?? _options.DefaultAccount;
        return id is { Length: >= 2 and <= 40 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? id
            : throw new ArgumentException($"'{id}' is not an account id: 2-40 lower-case letters, digits or hyphens.", nameof(accountId));
    }
}

/// <summary>The REST API's rule for client order ids, so an id valid here is valid there.</summary>
internal static class ClientOrderIds
{
    public static void Require(string? id)
    {
        if (id is not { Length: >= 1 and <= 64 } || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':'))
            throw new ArgumentException($"'{id}' is not a client order id: 1-64 letters, digits, '_', '-' or ':'.", nameof(id));
    }
}
