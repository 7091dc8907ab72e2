// The Plan2.Client sample: connect with an API key, watch a quote, place a paper order, print its fill and the position.
//   PLAN2_API_KEY  an API key (tenant-admin opens the account "main" when it is missing; trader needs it opened)
//   PLAN2_GATEWAY  a gateway, host:port (default 127.0.0.1:30000, the embedded platform's), or PLAN2_REDIS
//   PLAN2_SYMBOL   the instrument (default EURUSD)
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Client;

var key = Environment.GetEnvironmentVariable("PLAN2_API_KEY");
if (string.IsNullOrWhiteSpace(key))
{
    Console.Error.WriteLine("Set PLAN2_API_KEY to an API key (POST /api/tenants/{tenantId}/api-keys or the dashboard).");
    return 2;
}
var redis = Environment.GetEnvironmentVariable("PLAN2_REDIS");
var options = new Plan2ClientOptions
{
    ApiKey = key,
    Redis = redis,
    Gateway = redis is null ? Environment.GetEnvironmentVariable("PLAN2_GATEWAY") ?? "127.0.0.1:30000" : null,
};
var symbol = Environment.GetEnvironmentVariable("PLAN2_SYMBOL") ?? "EURUSD";

try
{
    await using var plan2 = await Plan2Client.ConnectAsync(options);
    Console.WriteLine($"connected: tenant {plan2.TenantId}, key {plan2.KeyId}, role {plan2.Role}");

    if (await plan2.GetAccountAsync() is null)
    {
        if (plan2.Role < UserRole.Admin)
        {
            Console.Error.WriteLine("The tenant has no account 'main': open one (POST /api/accounts) or use a tenant-admin key.");
            return 1;
        }
        await plan2.OpenAccountAsync("main", "USD", 100_000m);
        Console.WriteLine("opened paper account main with 100,000 USD");
    }

    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    await foreach (var quote in plan2.QuotesAsync(symbol, wait.Token))
    {
        Console.WriteLine($"quote: {quote.Symbol} bid {quote.Bid} ask {quote.Ask}");
        break;
    }

    var clientOrderId = $"sample-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
    var outcome = await plan2.PlaceOrderAsync(new NewOrder(clientOrderId, symbol, TradeSide.Buy, 0.1m));
    if (outcome.IsRefused)
    {
        Console.Error.WriteLine($"order refused: {outcome.RefusalCode}: {outcome.Message}");
        return 1;
    }
    var order = await plan2.WaitForOrderClosedAsync(clientOrderId, TimeSpan.FromSeconds(30));
    Console.WriteLine($"order {order.OrderId}: {order.State}, {order.FilledQuantity} lots at {order.AverageFillPrice}");

    var account = (await plan2.GetAccountAsync())!;
    foreach (var position in account.Positions.Where(p => p.Symbol == symbol))
        Console.WriteLine($"position: {position.Symbol} {position.Side} {position.Quantity} lots at {position.AveragePrice}");
    Console.WriteLine($"account: cash {account.Cash} {account.Currency}, unrealised P&L {account.UnrealizedPnl?.ToString() ?? "n/a"}");
    return order.State == OrderState.Filled ? 0 : 1;
}
catch (Exception e) when (e is ApiKeyRejectedException or ClusterUnreachableException or OperationCanceledException or TimeoutException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
