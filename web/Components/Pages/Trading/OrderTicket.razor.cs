using Microsoft.AspNetCore.Components;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Web.Services;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Components.Pages.Trading;

/// <summary>
/// The ticket asks risk about the order as it stands (on every change, and every second since quotes and
/// limits move) and shows the verdict in words before anything is sent.
/// </summary>
public partial class OrderTicket
{
    private static readonly TimeSpan PreviewEvery = TimeSpan.FromSeconds(1);
    private readonly OrderTicketModel _ticket = new();
    private OrderOutcome? _preview;
    private QuoteView? _quote;
    private string? _last;
    private bool _sending;
    private Timer? _timer;

    [Parameter] public IReadOnlyList<string> Symbols { get; set; } = [];
    [Parameter] public bool CanTrade { get; set; }
    [Parameter] public EventCallback OnPlaced { get; set; }
    [Inject] private TradingDeskService Desk { get; set; } = default!;
    [Inject] private MarketBoardService Board { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (Symbols.Count > 0 && !Symbols.Contains(_ticket.Symbol))
            _ticket.Symbol = Symbols[0];
        await PreviewAsync();
        _timer = new Timer(_ => InvokeAsync(async () => { await PreviewAsync(); StateHasChanged(); }), null, PreviewEvery, PreviewEvery);
    }

    private async Task PreviewAsync()
    {
        _quote = Board.Quotes.FirstOrDefault(q => q.Symbol == _ticket.Symbol)?.Last;
        try
        {
            await Desk.EnsureAccountAsync();
            _preview = await Desk.PreviewAsync(_ticket);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            _preview = new OrderOutcome(null, "Unavailable", e.Message);
        }
    }

    private async Task SendAsync(TradeSide side)
    {
        _ticket.Side = side;
        _sending = true;
        try
        {
            var outcome = await Desk.PlaceAsync(_ticket);
            _last = outcome switch
            {
                { IsRefused: true, Order: null } => $"Refused: {ReasonWords.For(outcome.RefusalCode!)} ({outcome.RefusalCode}). {outcome.Message}",
                { IsRefused: true } => $"Denied by risk: {ReasonWords.For(outcome.RefusalCode!)} ({outcome.RefusalCode}). {outcome.Message}",
                _ => $"{outcome.Order!.ClientOrderId}: {side} {LotsText.Of(outcome.Order.Quantity)} {outcome.Order.Symbol} {outcome.Order.State}"
                     + (outcome.Order.AverageFillPrice is { } price ? $" at {PriceText.Of(outcome.Order.Symbol, price)}" : ""),
            };
            await OnPlaced.InvokeAsync();
        }
        catch (UnauthorizedAccessException e)
        {
            _last = e.Message;
        }
        finally
        {
            _sending = false;
        }
        await PreviewAsync();
    }

    public void Dispose() => _timer?.Dispose();
}
