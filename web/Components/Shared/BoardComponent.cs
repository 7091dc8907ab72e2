using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Shared;

/// <summary>A component that shows the live market board: re-renders at most every 250 ms however fast quotes arrive.</summary>
public abstract class BoardComponent : ComponentBase, IDisposable
{
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(250);
    private Timer? _timer;
    private volatile bool _dirty;

    [Inject] protected MarketBoardService Board { get; set; } = default!;

    protected override void OnInitialized()
    {
        Board.Changed += MarkDirty;
        _timer = new Timer(_ =>
        {
            if (!_dirty) return;
            _dirty = false;
            _ = InvokeAsync(StateHasChanged);
        }, null, RenderEvery, RenderEvery);
    }

    private void MarkDirty() => _dirty = true;

    public virtual void Dispose()
    {
        Board.Changed -= MarkDirty;
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
