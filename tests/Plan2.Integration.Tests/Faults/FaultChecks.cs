using Plan2.Abstractions.Trading;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// What must hold after any fault, read back through the cluster that survived it: every acknowledged order
/// exists in the state it was acknowledged in, no order is filled twice (or more than its quantity), and each
/// account's position is the sum of its orders' fills.
/// </summary>
public static class FaultChecks
{
    /// <summary>Asserts the three rules; returns how many orders the accounts' journals hold.</summary>
    public static async Task<int> AssertConsistentAsync(FaultRun run)
    {
        var grains = run.Client.Client;
        var stored = 0;
        foreach (var account in run.Accounts)
        {
            var ids = await grains.GetGrain<IAccountOrdersGrain>($"{run.Tenant}/{account}").ListOrderIdsAsync(1_000_000);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            var orders = new Dictionary<string, OrderView>();
            foreach (var chunk in ids.Chunk(64))
                foreach (var order in await Task.WhenAll(chunk.Select(id => grains.GetGrain<IOrderGrain>($"{run.Tenant}/{id}").GetAsync())))
                    orders.Add(Assert.IsType<OrderView>(order).OrderId, order);
            stored += orders.Count;

            foreach (var ack in run.Flow.Acknowledged.Where(k => k.AccountId == account))
            {
                Assert.True(orders.TryGetValue(ack.Order.OrderId, out var now), $"acknowledged order {ack.Order.OrderId} is not in the journal");
                Assert.Equal(ack.Order.State, now.State);
                Assert.Equal(ack.Order.Fills.Select(f => f.TradeId), now.Fills.Select(f => f.TradeId));
            }
            foreach (var order in orders.Values)
            {
                Assert.Equal(order.Fills.Count, order.Fills.Select(f => f.TradeId).Distinct().Count());
                Assert.Equal(order.FilledQuantity, order.Fills.Sum(f => f.Quantity));
                Assert.True(order.FilledQuantity <= order.Quantity, $"{order.OrderId} filled {order.FilledQuantity} of {order.Quantity}");
                Assert.True(order.State != OrderState.Filled || order.FilledQuantity == order.Quantity, $"{order.OrderId} Filled with {order.FilledQuantity}");
            }

            var view = Assert.IsType<AccountView>(await grains.GetGrain<IAccountGrain>($"{run.Tenant}/{account}").GetAsync());
            var fills = orders.Values.Sum(o => (o.Side == TradeSide.Buy ? 1 : -1) * o.FilledQuantity);
            var position = view.Positions.Where(p => p.Symbol == "EURUSD").Sum(p => (p.Side == TradeSide.Buy ? 1 : -1) * p.Quantity);
            Assert.Equal(fills, position);
            Assert.Empty(view.UnbookedFills);
        }
        return stored;
    }
}
