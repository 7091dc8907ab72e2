using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plan2.Web.Services;
using Plan2.Web.Services.Charts;

namespace Plan2.Web.Components.Pages.Markets;

/// <summary>A live candlestick chart: redrawn every second from the instrument's bars; settings kept per browser.</summary>
public partial class Chart
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private ChartSettings _settings = new();
    private ElementReference _element;
    private IJSObjectReference? _module;
    private PeriodicTimer? _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _drawing = new(1, 1);
    private string? _error;
    private int _bars;
    private bool _loaded;

    [Parameter] public string? Symbol { get; set; }
    [CascadingParameter(Name = "DarkTheme")] public bool Dark { get; set; }
    [Inject] private ChartService Charts { get; set; } = default!;
    [Inject] private MarketBoardService Board { get; set; } = default!;
    [Inject] private BrowserPreferences Preferences { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        var saved = (await Preferences.GetAsync<ChartSettings>(BrowserPreferences.ChartKey)) ?? new ChartSettings();
        _settings = saved.Sanitised() with { Symbol = Symbol ?? saved.Symbol ?? Board.Quotes.FirstOrDefault()?.Symbol ?? "EURUSD" };
        _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/plan2-chart.js");
        await DrawAsync();
        StateHasChanged();
        _ = LoopAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_module is not null && Symbol is not null && Symbol != _settings.Symbol)
            await ChangeSymbolAsync(Symbol);
    }

    private async Task LoopAsync()
    {
        _timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
                await InvokeAsync(async () => { await DrawAsync(); StateHasChanged(); });
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task DrawAsync()
    {
        if (_module is null || _settings.Symbol is not { } symbol || !await _drawing.WaitAsync(0))
            return;
        try
        {
            var frame = await Charts.GetFrameAsync(symbol, _settings, Dark);
            await _module.InvokeVoidAsync("render", _stop.Token, _element, frame);
            _bars = frame.Times.Count;
            _loaded = true;
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not JSDisconnectedException)
        {
            _error = e.Message;
        }
        finally
        {
            _drawing.Release();
        }
    }

    private Task ChangeSymbolAsync(string symbol) => ApplyAsync(_settings with { Symbol = symbol });
    private Task ChangeTimeframeAsync(string timeframe) => ApplyAsync(_settings with { Timeframe = timeframe });
    private Task ChangeOverlaysAsync(IEnumerable<string>? overlays) => ApplyAsync(_settings with { Overlays = [.. overlays ?? []] });
    private Task ChangePanesAsync(IEnumerable<string>? panes) => ApplyAsync(_settings with { Panes = [.. panes ?? []] });

    private async Task ApplyAsync(ChartSettings settings)
    {
        _settings = settings.Sanitised();
        await Preferences.SetAsync(BrowserPreferences.ChartKey, _settings);
        await DrawAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose", _element);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
