using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;
using Plan2.Web.Services.Backtests;

namespace Plan2.Web.Components.Pages.Backtests;

/// <summary>One run: its progress while it runs (pushed by the service), then its report from the run's folder.</summary>
public partial class BacktestReportPage
{
    private BacktestRecord? _run;
    private string? _equity, _drawdown;
    private IReadOnlyList<BacktestTradeRow> _trades = [];

    [Parameter] public string Id { get; set; } = "";
    [Inject] private BacktestService Service { get; set; } = default!;
    [Inject] private BacktestStore Store { get; set; } = default!;
    [Inject] private DashboardUser User { get; set; } = default!;

    protected override void OnParametersSet()
    {
        Service.Changed -= OnChanged;
        Show(Service.Get(Id, User.TenantId));
        Service.Changed += OnChanged;
    }

    private void OnChanged(BacktestRecord record)
    {
        if (record.Id == Id && record.TenantId == User.TenantId)
            InvokeAsync(() => { Show(record); StateHasChanged(); });
    }

    private void Show(BacktestRecord? run)
    {
        var reportNew = run?.Summary is not null && _run?.Summary is null;
        _run = run;
        if (!reportNew || run is null) return;
        _equity = Store.PictureDataUri(run.Id, "equity.png");
        _drawdown = Store.PictureDataUri(run.Id, "drawdown.png");
        _trades = Store.ReadTrades(run.Id);
    }

    private void Cancel() => Service.Cancel(Id, User);

    public void Dispose() => Service.Changed -= OnChanged;
}
