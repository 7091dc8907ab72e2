using Microsoft.AspNetCore.Components;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Instruments;
using Plan2.Grains.Trading;
using Plan2.Web.Services;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Components.Pages.Trading;

/// <summary>The account at a glance, refreshed every second: ticket, positions with live P&amp;L, blotter, strategies, kill switches.</summary>
public partial class Trading
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private AccountView? _account;
    private IReadOnlyList<OrderView> _orders = [];
    private IReadOnlyList<PositionRow> _positions = [];
    private IReadOnlyList<StrategyRow> _strategies = [];
    private bool _tenantHalted;
    private string? _error;
    private Timer? _timer;
    private int _refreshing;

    [Inject] private TradingDeskService Desk { get; set; } = default!;
    [Inject] private DashboardUser User { get; set; } = default!;
    [Inject] private MarketBoardService Board { get; set; } = default!;
    private static InstrumentCatalog Catalog => TradingInstruments.Default;

    private IReadOnlyList<string> Symbols => [.. Board.Quotes.Select(q => q.Symbol).Where(s => Catalog.TryGet(s, out _))];

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _timer = new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
            return;
        try
        {
            var account = Desk.GetAccountAsync();
            var orders = Desk.GetOrdersAsync(50);
            var halted = Desk.IsTenantHaltedAsync();
            var strategies = Desk.GetStrategiesAsync(Symbols);
            await Task.WhenAll(account, orders, halted, strategies);
            _account = account.Result;
            _orders = orders.Result;
            _tenantHalted = halted.Result;
            _strategies = strategies.Result;
            var quotes = Board.Quotes.ToDictionary(q => q.Symbol);
            _positions = _account is null ? [] : [.. _account.Positions.Select(p =>
            {
                var quote = quotes.GetValueOrDefault(p.Symbol)?.Last;
                return new PositionRow(p, quote, PositionPnl.At(p, quote, _account.Currency, Catalog));
            })];
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = "Cannot read the account: " + e.Message;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private Task SetAccountKillSwitchAsync(bool engaged) => ActAsync(() => Desk.SetAccountKillSwitchAsync(engaged));
    private Task SetTenantKillSwitchAsync(bool engaged) => ActAsync(() => Desk.SetTenantKillSwitchAsync(engaged));
    private Task CancelAsync(string clientOrderId) => ActAsync(() => Desk.CancelAsync(clientOrderId));
    private Task ToggleStrategyAsync(StrategyRow row) =>
        ActAsync(() => Desk.SetStrategyEnabledAsync(row.Symbol, row.Status.Config, !(row.Status.Config?.Enabled ?? false)));

    private async Task ActAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            _error = e.Message;
        }
        await RefreshAsync();
    }

    public void Dispose() => _timer?.Dispose();
}
