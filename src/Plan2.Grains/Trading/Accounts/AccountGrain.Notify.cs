using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Telegram;

namespace Plan2.Grains.Trading.Accounts;

// Users hear of fills, rejections and risk denials (Telegram today): a one-way call to the tenant's
// notification grain, made only for orders that have news, so the order path does not wait on it.
public sealed partial class AccountGrain
{
    private void Tell(OrderView order)
    {
        if (OrderNotices.KindOf(order) is not null)
            GrainFactory.GetGrain<INotificationGrain>(Tenant).OnOrderAsync(order).Ignore();
    }
}
