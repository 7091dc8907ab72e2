using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Telegram;

namespace Plan2.Grains.Trading.Accounts;

// Users hear of order changes: every change goes to the tenant's live activity (the API's hub and
// WebSocket), risk refusals as risk alerts there too; fills, rejections and denials go to the tenant's
// notification grain (Telegram). All one-way calls, so the order path does not wait on them.
public sealed partial class AccountGrain
{
    private void Tell(OrderView order)
    {
        GrainFactory.Reference<ITenantActivityGrain>(Tenant).OrderChangedAsync(order).Ignore();
        if (OrderNotices.KindOf(order) is not null)
            GrainFactory.Reference<INotificationGrain>(Tenant).OnOrderAsync(order).Ignore();
    }

    /// <summary>Risk refused an order (denied, in the order's changes too) or a change to one (a replace: an alert only).</summary>
    private void TellRiskRefusal(string code, string message, string? clientOrderId, string? symbol) =>
        GrainFactory.Reference<ITenantActivityGrain>(Tenant)
            .RiskAlertAsync(new RiskAlertView(AccountId, code, message, clientOrderId, symbol, clock.GetUtcNow())).Ignore();

    /// <summary>
    /// An order first seen here after its placement's answer was lost: if risk denied it, that is an alert, as it is when
    /// the answer arrives (code and sentence from the order's kept reason).
    /// </summary>
    private void TellIfDenied(OrderView order)
    {
        if (order.State != OrderState.Denied)
            return;
        var (code, message) = DeniedReason.Parse(order.LastReason);
        TellRiskRefusal(code, message ?? "Refused by risk.", order.ClientOrderId, order.Symbol);
    }

    private void TellKillSwitch(bool engaged, Actor by) =>
        TellRiskRefusal(engaged ? "KillSwitchEngaged" : "KillSwitchReleased", $"The kill switch of account '{AccountId}' was {(engaged ? "engaged" : "released")} by {by}.", null, null);

}
