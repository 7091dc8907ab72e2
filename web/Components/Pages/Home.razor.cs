using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Pages;

public partial class Home
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    private ClusterOverview? _overview;
    private string? _error;
    private Timer? _timer;
    private bool _disposed;

    [Inject] private ClusterOverviewService Overview { get; set; } = default!;

    /// <summary>
    /// The cluster's figures are read once the page is on screen and answering, not while it is prerendered nor
    /// before its first interactive render: the first page of a visit waits for no grain call (and makes none twice).
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        await RefreshAsync();
        if (_disposed)
            return; // left before the first figures came: no timer for a page that is gone
        StateHasChanged();
        _timer = new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private async Task RefreshAsync()
    {
        try
        {
            _overview = await Overview.GetAsync();
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
    }
}
