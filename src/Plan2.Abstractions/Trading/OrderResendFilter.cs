namespace Plan2.Abstractions.Trading;

/// <summary>
/// The one place a gateway client's order placements get their resends (<see cref="OrderResend"/>): every
/// <see cref="IAccountGrain.PlaceOrderAsync"/> the client sends, whoever sends it (web desk, REST API, SDK,
/// Telegram bot), is placed with resends, so no caller can forget them and wait out a failover. Registered on
/// Orleans clients only: a grain placing an order (a strategy) is on a silo and has its own failure handling.
/// </summary>
public sealed class OrderResendFilter : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (OrderResend.IsSending || !IsPlacement(context) || context.Grain is not IAccountGrain account || context.Request.GetArgument(0) is not PlaceOrder order)
        {
            await context.Invoke(); // one of our own sends, or not a placement
            return;
        }
        context.Result = await account.PlaceWithResendsAsync(order);
    }

    private static bool IsPlacement(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod is { Name: nameof(IAccountGrain.PlaceOrderAsync) } method && method.DeclaringType == typeof(IAccountGrain);
}
