using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// The trading page's way to the grains for the current user's account: opens the demo account on first
/// use, previews and places orders, reads the account, its orders, kill switches and strategies.
/// </summary>
public sealed class TradingDeskService(IGrainFactory grains, DashboardUser user, DemoDesk desk)
{
    public const string StrategyId = "ai";
    private bool _ready;

    private IAccountGrain Account => grains.GetGrain<IAccountGrain>(user.AccountKey);
    private IKillSwitchGrain TenantSwitch => grains.GetGrain<IKillSwitchGrain>(user.TenantId);

    /// <summary>Creates the demo tenant and opens its account when they do not exist (idempotent, safe when two pages race).</summary>
    public async Task EnsureAccountAsync()
    {
        if (_ready)
            return;
        var tenant = grains.GetGrain<ITenantGrain>(user.TenantId);
        if (await tenant.GetAsync() is null)
            await IgnoreConflict(() => tenant.CreateAsync(new CreateTenant(desk.TenantName, desk.UserName)));
        if (await Account.GetAsync() is null)
            await IgnoreConflict(() => Account.OpenAsync(new OpenAccount(desk.Currency, PositionMode.Netting, desk.Deposit, user.Actor)));
        _ready = true;
    }

    public async Task<AccountView?> GetAccountAsync()
    {
        await EnsureAccountAsync();
        return await Account.GetAsync();
    }

    public async Task<IReadOnlyList<OrderView>> GetOrdersAsync(int count)
    {
        await EnsureAccountAsync();
        return await Account.GetRecentOrdersAsync(count);
    }

    public Task<OrderOutcome> PreviewAsync(OrderTicketModel ticket) => Account.PreviewOrderAsync(ticket.ToPlaceOrder("preview", user.Actor));

    public Task<OrderOutcome> PlaceAsync(OrderTicketModel ticket)
    {
        RequireTrader();
        return Account.PlaceWithResendsAsync(ticket.ToPlaceOrder("web-" + Guid.NewGuid().ToString("n")[..12], user.Actor)); // resent while a silo fails over
    }

    public Task<OrderOutcome> CancelAsync(string clientOrderId)
    {
        RequireTrader();
        return Account.CancelOrderAsync(clientOrderId, user.Actor);
    }

    public Task<bool> IsTenantHaltedAsync() => TenantSwitch.IsEngagedAsync();

    public Task SetAccountKillSwitchAsync(bool engaged)
    {
        RequireTrader();
        return Account.SetKillSwitchAsync(engaged, user.Actor);
    }

    public Task SetTenantKillSwitchAsync(bool engaged)
    {
        if (!user.Has(UserRole.Admin))
            throw new UnauthorizedAccessException("Only a tenant admin halts the whole tenant.");
        return TenantSwitch.SetAsync(engaged, user.Actor);
    }

    public async Task<IReadOnlyList<StrategyRow>> GetStrategiesAsync(IEnumerable<string> symbols)
    {
        var rows = await Task.WhenAll(symbols.Select(async symbol => new StrategyRow(symbol, await Strategy(symbol).GetAsync())));
        return rows;
    }

    /// <summary>Enables or disables the AI strategy on a symbol; a strategy never configured starts from the defaults at 0.1 lot.</summary>
    public async Task SetStrategyEnabledAsync(string symbol, StrategyConfig? current, bool enabled)
    {
        RequireTrader();
        await Strategy(symbol).ConfigureAsync((current ?? new StrategyConfig(0.1m)) with { Enabled = enabled });
    }

    private IStrategyGrain Strategy(string symbol) => grains.GetGrain<IStrategyGrain>($"{user.AccountKey}/{StrategyId}/{symbol}");

    private void RequireTrader()
    {
        if (!user.CanTrade)
            throw new UnauthorizedAccessException($"{user.UserName} is a {user.Role}: viewers see and never act.");
    }

    private static async Task IgnoreConflict(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (InvalidOperationException)
        {
            // Another page created it meanwhile.
        }
    }
}

/// <summary>The AI strategy of the account on one symbol; Status.Config is null until it is configured.</summary>
public sealed record StrategyRow(string Symbol, StrategyStatus Status);
