using Microsoft.AspNetCore.Components;
using Plan2.Abstractions.Diagnostics;
using Plan2.Web.Services.Operations;

namespace Plan2.Web.Components.Pages.Operations;

public partial class ErrorDna
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);
    private ErrorDnaView? _view;
    private string? _error;
    private Timer? _timer;

    [Inject] private ErrorDnaService Dna { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!Dna.Allowed)
            return;
        await RefreshAsync();
        _timer = new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private async Task RefreshAsync()
    {
        try
        {
            _view = await Dna.GetAsync();
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
        }
    }

    private static string ShortType(string type) => type[(type.LastIndexOf('.') + 1)..];

    public void Dispose() => _timer?.Dispose();
}
