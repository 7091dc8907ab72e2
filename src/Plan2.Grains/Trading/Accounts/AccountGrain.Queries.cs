using Plan2.Abstractions.Trading;
using Plan2.Core.Risk;

namespace Plan2.Grains.Trading.Accounts;

// What a trader sees before and after sending: risk's verdict on a proposed order (nothing recorded),
// and the latest orders for a blotter.
public sealed partial class AccountGrain
{
    async Task<OrderOutcome> IAccountGrain.PreviewOrderAsync(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var ledger = RequireOpen();
        var (refused, request, _, context) = await PreTradeAsync(ledger, order);
        if (refused is not null)
            return refused;
        // Evaluate, not EvaluateAndRecord: a preview must not count against the submit rate.
        var decision = RiskEngine.Evaluate(request, context);
        return decision.IsApproved ? new OrderOutcome(null) : new OrderOutcome(null, decision.Reason.ToString(), decision.Message);
    }

    async Task<IReadOnlyList<OrderView>> IAccountGrain.GetRecentOrdersAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RequireOpen();
        var ids = _window.Recent(count); // the remembered ones: open orders and the last closed
        var views = await Task.WhenAll(ids.Select(id => OrderGrain(id).GetAsync()));
        return [.. views.OfType<OrderView>()];
    }
}
