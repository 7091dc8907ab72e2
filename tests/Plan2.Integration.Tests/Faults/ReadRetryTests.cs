using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// A read whose answer is lost on the way back (its gateway died) is sent again by the client, arguments and all,
/// and the caller gets the data instead of an error; a write that fails the same way is left to its caller.
/// The network's loss is played by a client call filter, the rest is real.
/// </summary>
public sealed class ReadRetryTests() : RealSiloTest("reads")
{
    private static readonly Actor Trader = Actor.User("read-test");

    [Fact]
    public async Task AReadWhoseAnswerIsLost_IsSentAgain_AndAWriteIsNot()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("n")[..8];
        await Silo.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Reads", "read-test"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Silo.Grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.1], [1.1001], Record: false));
        var placed = Silo.Grains.GetGrain<IAccountGrain>($"{tenant}/acc");
        await placed.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Trader));
        for (var i = 0; i < 3; i++)
            await placed.PlaceOrderAsync(new PlaceOrder($"o{i}", "EURUSD", TradeSide.Buy, 0.1m, Trader));
        var loss = new LoseFirstAnswer();
        await using var client = await PlatformClient.ConnectAsync(ClusterId, TestServices.Redis, s => s.AddSingleton<IOutgoingGrainCallFilter>(loss));
        var account = client.Client.GetGrain<IAccountGrain>($"{tenant}/acc");

        var recent = await account.GetRecentOrdersAsync(2); // [ReadOnly]

        Assert.Equal(["o2", "o1"], recent.Select(o => o.ClientOrderId)); // the resent read kept its argument
        Assert.Equal(2, loss.Calls(nameof(IAccountGrain.GetRecentOrdersAsync)));
        await Assert.ThrowsAsync<TimeoutException>(() => account.SetKillSwitchAsync(false, Trader)); // a write: not resent
        Assert.Equal(1, loss.Calls(nameof(IAccountGrain.SetKillSwitchAsync)));
    }

    /// <summary>Delivers each method's first call and loses its answer, as a gateway dying mid-call does.</summary>
    private sealed class LoseFirstAnswer : IOutgoingGrainCallFilter
    {
        private readonly Dictionary<string, int> _calls = [];

        public int Calls(string method) { lock (_calls) return _calls.GetValueOrDefault(method); }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            var method = context.InterfaceMethod.Name;
            int call;
            lock (_calls) call = _calls[method] = _calls.GetValueOrDefault(method) + 1;
            await context.Invoke();
            if (call == 1 && context.InterfaceMethod.DeclaringType == typeof(IAccountGrain))
                throw new TimeoutException($"The answer to {method} was lost (test).");
        }
    }
}
