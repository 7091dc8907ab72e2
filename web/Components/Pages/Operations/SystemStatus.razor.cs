using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Pages.Operations;

/// <summary>Operators' view, refreshed every two seconds: silos (dead and joining too), activations, feeds, terminals, the Telegram bot.</summary>
public partial class SystemStatus
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    private ClusterOverview? _overview;
    private BotStatusView? _bot;
    private string? _error, _botError;
    private Timer? _timer;
    private int _refreshing;

    [Inject] private ClusterOverviewService Overview { get; set; } = default!;
    [Inject] private SystemStatusService Status { get; set; } = default!;
    [Inject] private MarketBoardService Board { get; set; } = default!;
    [Inject] private DashboardUser User { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!User.Has(Plan2.Abstractions.Tenancy.UserRole.Admin))
            return;
        await RefreshAsync();
        _timer = new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
            return;
        try
        {
            try { _overview = await Overview.GetAsync(); _error = null; }
            catch (Exception e) when (e is not OperationCanceledException) { _error = e.Message; }
            try { _bot = await Status.GetBotAsync(); _botError = null; }
            catch (Exception e) when (e is not OperationCanceledException) { _botError = e.Message; }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
