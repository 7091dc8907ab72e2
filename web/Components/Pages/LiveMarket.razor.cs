using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Pages;

/// <summary>Live quotes and feed health; re-renders at most every 250 ms however fast quotes arrive.</summary>
public partial class LiveMarket
{
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(250);
    private Timer? _timer;
    private volatile bool _dirty;

    [Inject] private MarketBoardService Board { get; set; } = default!;

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

    private static string Colour(QuoteRow row) => row.Direction switch
    {
        > 0 => "color: #2e7d32",
        < 0 => "color: #c62828",
        _ => "",
    };

    public void Dispose()
    {
        Board.Changed -= MarkDirty;
        _timer?.Dispose();
    }
}
