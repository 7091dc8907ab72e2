using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;
using Plan2.Web.Services.Insights;

namespace Plan2.Web.Components.Pages.Insights;

/// <summary>Per instrument: the latest call with every model's vote, history with outcomes, calibration, champion and challenger.</summary>
public partial class Insights
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    private string? _symbol;
    private InstrumentInsights? _insights;
    private IReadOnlyList<string> _pictures = [];
    private string? _error;
    private Timer? _timer;

    [Parameter] public string? Symbol { get; set; }
    [Inject] private InsightsService Service { get; set; } = default!;
    [Inject] private MarketBoardService Board { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _symbol = Symbol ?? _symbol ?? Board.Quotes.FirstOrDefault()?.Symbol ?? "EURUSD";
        _pictures = Service.ReportPictures();
        await RefreshAsync();
        _timer ??= new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private Task ChangeSymbolAsync(string symbol)
    {
        Navigation.NavigateTo($"/insights/{symbol}");
        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        try
        {
            _insights = await Service.GetAsync(_symbol!);
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = "Cannot read the predictions: " + e.Message;
        }
    }

    public void Dispose() => _timer?.Dispose();
}
