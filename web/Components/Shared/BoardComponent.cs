using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Shared;

/// <summary>
/// A component that shows the live market board. A quote renders at once (the quote-to-paint budget is
/// 100 ms), then at most every <see cref="MinimumGap"/> however fast quotes arrive.
/// </summary>
public abstract class BoardComponent : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(50);
    private int _pending;
    private long _lastRender;
    private bool _disposed;

    [Inject] protected MarketBoardService Board { get; set; } = default!;

    // Live from the first interactive render on: a prerendered copy shows the board as it is, and quotes arriving
    // while the circuit starts do not queue renders ahead of the page's own first one.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && !_disposed)
        {
            Board.Changed += MarkDirty;
            MarkDirty(); // whatever changed between the first render and now
        }
    }

    private void MarkDirty()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
            _ = RenderSoonAsync();
    }

    private async Task RenderSoonAsync()
    {
        var wait = MinimumGap - TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _lastRender));
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        Volatile.Write(ref _pending, 0);
        Interlocked.Exchange(ref _lastRender, TimeProvider.System.GetTimestamp());
        if (!_disposed)
            await InvokeAsync(StateHasChanged);
    }

    public virtual void Dispose()
    {
        _disposed = true;
        Board.Changed -= MarkDirty;
        GC.SuppressFinalize(this);
    }
}
