using System.Runtime.CompilerServices;
using Plan2.Core.MarketData;

namespace Plan2.MarketData.Replay;

/// <summary>
/// A clearly labelled stand-in when there is no history at all: a seeded random walk per symbol, a
/// tick every 250 ms stamped from now on, endless: replay it at speed 1 so its times track the clock.
/// The dashboard says "simulated" wherever it shows these.
/// </summary>
public sealed class SimulatedSource(TimeProvider clock) : IReplaySource
{
    private static readonly Dictionary<string, (double Start, double Spread)> Instruments = new()
    {
        ["EURUSD"] = (1.0850, 0.0001),
        ["GBPUSD"] = (1.2650, 0.00012),
        ["USDJPY"] = (150.20, 0.012),
        ["XAUUSD"] = (2350.0, 0.30),
    };

    public string Description => "SIMULATED random walk (no history imported, no Expert Advisor connected)";
    public bool IsSimulated => true;
    public IReadOnlyList<string> Symbols => [.. Instruments.Keys];

    public async IAsyncEnumerable<Tick> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken ct)
    {
        var (start, spread) = Instruments[symbol];
        var random = new Random(symbol.GetHashCode(StringComparison.Ordinal));
        var t = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var mid = start;
        for (long i = 0; !ct.IsCancellationRequested; i++)
        {
            t += 250;
            mid *= 1 + (random.NextDouble() - 0.5) * 0.0002;
            var bid = Price.FromDouble(Math.Round(mid - spread / 2, 5))!.Value;
            yield return new Tick(t, bid, bid + Price.FromDouble(spread)!.Value);
            if (i % 1024 == 0)
                await Task.Yield();
        }
    }
}
