using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Hosting.Trading;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// Delivers what terminals send to the grains: each tick batch to its symbol's InstrumentGrain by a
/// direct call (awaited, so a slow instrument slows its terminal through TCP instead of piling up).
/// Trading (connections, execution reports, snapshots) goes to <see cref="Mt5TerminalLink"/>, which hands
/// it to the terminal's grain off the read loop; the platform's own feeds do not trade. <see cref="Live"/>: the symbols
/// outside terminals stream here, which the replay then leaves to them.
/// </summary>
public sealed class GrainBridgeSink(IGrainFactory grains, Mt5TerminalLink trading, ILogger<GrainBridgeSink> logger) : IBridgeSink
{
    private long _lostTicks;

    public long LostTicks => Interlocked.Read(ref _lostTicks);
    public LiveSymbols Live { get; } = new();
    public string? LastLoss { get; private set; }

    public ValueTask OnConnectedAsync(BridgeSession session, CancellationToken ct)
    {
        logger.LogInformation("Terminal {Terminal} connected from {Remote} with {Symbols}", session.TerminalId, session.RemoteEndPoint,
            string.Join(',', session.Symbols));
        if (!session.IsInternal)
        {
            Live.Connected(session);
            trading.OnConnected(session);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The instrument applies a batch and copies what it stores before its call returns (a remote one gets a copy anyway).</summary>
    public bool ReleasesTickArrays => true;

    public async ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct)
    {
        // Decided by the session's secret, not its name: an outside terminal cannot keep its ticks out of the store.
        var delivered = session.IsInternal ? batch with { Record = false } : batch with { Feed = FeedOf(session) };
        await grains.GetGrain<IInstrumentGrain>(batch.Symbol).PublishTicksAsync(delivered);
    }

    /// <summary>The platform's own feeds are not stored: the server's memory of them is all there is.</summary>
    public async ValueTask<long[]?> ResumeAsync(BridgeSession session, CancellationToken ct)
    {
        if (session.IsInternal)
            return null;
        var feed = FeedOf(session);
        return await Task.WhenAll(session.Symbols.Select(s => grains.GetGrain<IInstrumentGrain>(s).GetFeedPositionAsync(feed)));
    }

    /// <summary>Acknowledgements mean stored: the instrument answers once the store's commit covers the sequence.</summary>
    public ValueTask<long> WhenDurableAsync(BridgeSession session, string symbol, long throughSequence, CancellationToken ct) =>
        session.IsInternal
            ? ValueTask.FromResult(throughSequence)
            : new ValueTask<long>(grains.GetGrain<IInstrumentGrain>(symbol).WaitDurableAsync(FeedOf(session), throughSequence));

    /// <summary>Sequences number ticks per terminal session: that is the feed the store keeps a cursor for.</summary>
    public static string FeedOf(BridgeSession session) => $"{session.TerminalId}#{session.SessionId}";

    public ValueTask OnTicksLostAsync(BridgeSession session, string symbol, long fromSequence, long count, CancellationToken ct)
    {
        Interlocked.Add(ref _lostTicks, count);
        LastLoss = $"{count} {symbol} ticks from #{fromSequence} lost by {session.TerminalId}";
        logger.LogWarning("Terminal {Terminal} cannot resend {Count} {Symbol} ticks from sequence {From}: recorded as lost",
            session.TerminalId, count, symbol, fromSequence);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnExecutionReportAsync(BridgeSession session, ExecutionReport report, CancellationToken ct)
    {
        logger.LogInformation("Execution report from {Terminal}: {Report}", session.TerminalId, report);
        if (!session.IsInternal)
            trading.OnReport(session, report);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnTradeSnapshotAsync(BridgeSession session, TradeSnapshot snapshot, CancellationToken ct)
    {
        logger.LogInformation("Trade snapshot from {Terminal}: login {Login}, {Orders} orders, {Positions} positions, {Deals} deals since {Since}",
            session.TerminalId, snapshot.Login, snapshot.Orders.Count, snapshot.Positions.Count, snapshot.Deals.Count, snapshot.SinceMs);
        if (!session.IsInternal)
            trading.OnSnapshot(session, snapshot);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnDisconnectedAsync(BridgeSession session, string reason, CancellationToken ct)
    {
        logger.LogInformation("Terminal {Terminal} disconnected: {Reason}", session.TerminalId, reason);
        if (!session.IsInternal)
        {
            Live.Disconnected(session);
            trading.OnDisconnected(session, reason);
        }
        return ValueTask.CompletedTask;
    }
}
