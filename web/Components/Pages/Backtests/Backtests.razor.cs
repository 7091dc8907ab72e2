using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plan2.Backtesting;
using Plan2.Storage.Ticks;
using Plan2.Web.Services;
using Plan2.Web.Services.Backtests;

namespace Plan2.Web.Components.Pages.Backtests;

/// <summary>Start a backtest (data, symbol, strategy, models, period, costs) and follow every run of the tenant live.</summary>
public partial class Backtests
{
    private IReadOnlyList<BacktestDataFile> _files = [];
    private IReadOnlyList<SeriesInfo> _stored = [];
    private IReadOnlyList<string> _modelSets = [];
    private IReadOnlyList<BacktestRecord> _runs = [];
    private BacktestSource _source = BacktestSource.File;
    private string? _file, _symbol, _models, _from, _to, _formError;
    private string _strategy = Plan2.Core.Strategies.AiStrategy.Name;
    private decimal _lots = 0.1m, _commission = 3.5m, _spread = 1m;
    private bool _starting;

    [Inject] private BacktestService Service { get; set; } = default!;
    [Inject] private BacktestChoices Choices { get; set; } = default!;
    [Inject] private DashboardUser User { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _files = Choices.Files();
        _modelSets = Choices.ModelSets();
        _models = _modelSets.FirstOrDefault();
        try { _stored = await Choices.StoredAsync(); }
        catch (Exception e) when (e is not OperationCanceledException) { _formError = "Stored history cannot be listed: " + e.Message; }
        _runs = Service.List(User.TenantId);
        Service.Changed += OnChanged;
    }

    private void OnChanged(BacktestRecord record)
    {
        if (record.TenantId == User.TenantId)
            InvokeAsync(() => { _runs = Service.List(User.TenantId); StateHasChanged(); });
    }

    private void SourceChanged(BacktestSource source) { _source = source; _symbol = null; }

    private void FileChanged(string name)
    {
        _file = name;
        _symbol = _files.FirstOrDefault(f => f.Name == name)?.Symbol ?? _symbol;
    }

    private void StoredChanged(string symbol) => _symbol = symbol;

    private async Task StartAsync()
    {
        _formError = null;
        if (!TryDay(_from, "From", out var from) || !TryDay(_to, "To", out var to))
            return;
        _starting = true;
        try
        {
            var record = await Service.StartAsync(new BacktestRequest
            {
                Source = _source, Data = _file, Symbol = _symbol ?? "", Strategy = _strategy, Models = _models, From = from, To = to,
                Lots = _lots, CommissionPerLot = _commission, SpreadPips = _spread,
            }, User);
            Navigation.NavigateTo($"/backtests/{record.Id}");
        }
        catch (BacktestException e)
        {
            _formError = e.Message;
        }
        finally
        {
            _starting = false;
        }
    }

    private bool TryDay(string? text, string label, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { day = d; return true; }
        _formError = $"{label}: '{text}' is not a day as yyyy-mm-dd.";
        return false;
    }

    private void Cancel(BacktestRecord record) => Service.Cancel(record.Id, User);

    public void Dispose() => Service.Changed -= OnChanged;
}
