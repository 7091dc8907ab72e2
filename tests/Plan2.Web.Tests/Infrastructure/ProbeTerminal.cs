using Plan2.MarketData.Bridge;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>An MT5 terminal of the test's own (the EA's C# twin) streaming one symbol into the platform's bridge.</summary>
public sealed class ProbeTerminal : IAsyncDisposable
{
    private readonly BridgeClient _client;
    private long _lastMs;

    private ProbeTerminal(BridgeClient client) => _client = client;

    public static async Task<ProbeTerminal> ConnectAsync(EmbeddedPlatform platform, string terminalId, string symbol)
    {
        var client = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = platform.BridgePort, Token = platform.BridgeToken, TerminalId = terminalId, Symbols = [symbol],
        });
        await client.ConnectAsync(CancellationToken.None);
        return new ProbeTerminal(client);
    }

    /// <summary>Sends one tick stamped now (strictly after the previous one); returns its stamp, UTC milliseconds.</summary>
    public async Task<long> SendAsync(double bid)
    {
        var now = Math.Max(_lastMs + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _lastMs = now;
        _client.Append(0, now, bid, bid + 0.0001);
        await _client.FlushAsync(CancellationToken.None);
        return now;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
