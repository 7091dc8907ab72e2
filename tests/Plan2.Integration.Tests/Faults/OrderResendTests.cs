using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// An order sent into a gateway that dies loses either its request or its answer. Placed with one plain
/// PlaceOrderAsync through a client built as every gateway client is (AddPlan2Client: web, API, Telegram bot;
/// the SDK registers the same <see cref="OrderResendFilter"/>), it is answered by a resend within seconds, placed
/// once, and not reported as a duplicate of itself. The network's loss is played by a client call filter
/// (registered after the client's own, so it sees each send), the rest is real.
/// </summary>
public sealed class OrderResendTests() : RealSiloTest("resend")
{
    private static readonly Actor Trader = Actor.User("resend-test");

    [Theory]
    [InlineData(true)]  // the request never arrives
    [InlineData(false)] // the order is placed, its answer never arrives
    public async Task AnOrderWhoseFirstSendIsLost_IsAnsweredByAResend_AndPlacedOnce(bool loseRequest)
    {
        var tenant = "t-" + Guid.NewGuid().ToString("n")[..8];
        await Silo.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Resend", "resend-test"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Silo.Grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.1], [1.1001], Record: false));
        await Silo.Grains.GetGrain<IAccountGrain>($"{tenant}/acc").OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Trader,
            new AccountLimits(MaxQuoteAge: TimeSpan.FromHours(1)))); // a busy machine must not make the one quote stale
        var loss = new LoseFirstPlacement(loseRequest);
        await using var client = await PlatformClient.ConnectAsync(ClusterId, TestServices.Redis, s => s.AddSingleton<IOutgoingGrainCallFilter>(loss));
        var account = client.Client.GetGrain<IAccountGrain>($"{tenant}/acc");

        var outcome = await account.PlaceOrderAsync(new PlaceOrder("o1", "EURUSD", TradeSide.Buy, 0.5m, Trader)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(loss.Sends >= 2, $"{loss.Sends} sends");
        Assert.False(outcome.Duplicate);
        Assert.Equal(OrderState.Filled, outcome.Order!.State);
        Assert.Equal(["acc.o1"], await client.Client.GetGrain<IAccountOrdersGrain>($"{tenant}/acc").ListOrderIdsAsync(10));
        Assert.Equal(0.5m, Assert.Single((await account.GetAsync())!.Positions).Quantity);
    }

    /// <summary>The first PlaceOrder is lost on the way there (never sent) or on the way back (sent, its answer never delivered).</summary>
    private sealed class LoseFirstPlacement(bool loseRequest) : IOutgoingGrainCallFilter
    {
        private int _sends;

        public int Sends => _sends;

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name != nameof(IAccountGrain.PlaceOrderAsync) || Interlocked.Increment(ref _sends) > 1)
            {
                await context.Invoke();
                return;
            }
            if (!loseRequest)
                await context.Invoke();
            await Task.Delay(Timeout.Infinite);
        }
    }
}
