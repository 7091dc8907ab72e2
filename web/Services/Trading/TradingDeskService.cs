using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Core.Configuration;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// The trading page's way to the grains for the signed-in user's chosen account: opens a paper account on
/// first use, previews and places orders, reads the account, its orders, kill switches and strategies.
/// Every action checks the role here, on the server, whatever the page shows.
/// </summary>
public sealed class TradingDeskService(IGrainFactory grains, DashboardUser user, PaperAccountDefaults paper)
{
    public const string StrategyId = "ai";
    private bool _ready;

    private IAccountGrain Account => grains.GetGrain<IAccountGrain>(user.AccountKey);
    private IKillSwitchGrain TenantSwitch => grains.GetGrain<IKillSwitchGrain>(user.TenantId);

    /// <summary>Opens the chosen account as a paper account when it does not exist (idempotent, safe when two pages race) and lists it with the tenant's accounts.</summary>
    public async Task EnsureAccountAsync()
    {
        if (_ready)
            return;
        if (!user.IsSignedIn)
            throw new UnauthorizedAccessException("Sign in first.");
        if (await Account.GetAsync() is null)
        {
            if (!user.CanTrade)
                throw new InvalidOperationException($"Account {user.AccountKey} is not open yet: a trader of the tenant opens it on their first visit.");
            await IgnoreConflict(() => Account.OpenAsync(new OpenAccount(paper.Currency, PositionMode.Netting, paper.Deposit, user.Actor)));
            await grains.GetGrain<ITenantAccountsGrain>(user.TenantId).RegisterAsync(user.AccountId);
        }
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
        return Account.PlaceOrderAsync(ticket.ToPlaceOrder("web-" + Guid.NewGuid().ToString("n")[..12], user.Actor)); // resent while a silo fails over (OrderResendFilter)
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
        // Through the configuration grain, as the bot does: it validates, applies and keeps the change as a version with
        // who made it; a direct ConfigureAsync would leave no trace in the setting's history.
        var config = (current ?? new StrategyConfig(0.1m)) with { Enabled = enabled };
        var change = await grains.GetGrain<IConfigGrain>(ConfigKey.Strategy(user.TenantId, user.AccountId, StrategyId, symbol).ToString())
            .SetAsync(new ConfigValue(Strategy: config), user.Actor, $"strategy {(enabled ? "on" : "off")} on the dashboard");
        if (!change.Accepted)
            throw new InvalidOperationException($"{StrategyId}/{symbol} stays as it was: {string.Join(" ", change.Reasons)}");
    }

    private IStrategyGrain Strategy(string symbol) => grains.GetGrain<IStrategyGrain>($"{user.AccountKey}/{StrategyId}/{symbol}");

    private void RequireTrader()
    {
        if (!user.CanTrade)
            throw new UnauthorizedAccessException($"{user.DisplayName} is a {user.Role}: viewers see and never act.");
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
