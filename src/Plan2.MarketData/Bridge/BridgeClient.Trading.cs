using System.Net.Sockets;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The twin's trading side, as the EA's HandleOrder, OnTradeTransaction and snapshot code: one ORDER_RESULT
/// per ORDER, then the deals as FILLs; deals made while disconnected wait and go out after the next WELCOME.
/// </summary>
public sealed partial class BridgeClient
{
    private readonly List<FillMessage> _queuedFills = [];

    /// <summary>FILLs waiting for a connection (the EA's g_pendingFills).</summary>
    public int QueuedFills
    {
        get
        {
            lock (_queuedFills)
                return _queuedFills.Count;
        }
    }

    private bool Connected => Welcome is not null && _stream is not null && !_closed.Task.IsCompleted;

    /// <summary>A deal stamped on the trade server's clock, sent in UTC; queued while there is no connection.</summary>
    public async Task SendFillAsync(FillMessage fill, CancellationToken ct)
    {
        var utc = fill.TimeMs == 0 ? fill : fill with { TimeMs = fill.TimeMs - Interlocked.Read(ref _brokerOffsetMs) };
        if (Connected)
        {
            try
            {
                await SendMessageAsync(utc, ct);
                return;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Lost on the way out: keep it for the next connection, as the EA does.
            }
        }
        lock (_queuedFills)
            _queuedFills.Add(utc);
    }

    /// <summary>An ORDER_RESULT sent on its own, e.g. one that arrives after the server stopped waiting for it.</summary>
    public Task SendOrderResultAsync(OrderResultMessage result, CancellationToken ct) => SendMessageAsync(result, ct);

    /// <summary>Drops the queued FILLs: an EA restart loses them, and only reconciliation can recover those deals.</summary>
    public void ForgetQueuedFills()
    {
        lock (_queuedFills)
            _queuedFills.Clear();
    }

    private async Task SendQueuedFillsLockedAsync(CancellationToken ct)
    {
        FillMessage[] fills;
        lock (_queuedFills)
        {
            fills = [.. _queuedFills];
            _queuedFills.Clear();
        }
        foreach (var fill in fills)
            await _stream!.WriteAsync(BridgeFrames.ToArray(++_sentFrames, fill, _version), ct);
    }

    private async Task AnswerOrderAsync(TwinTradeServer trade, OrderCommand order)
    {
        var (result, fills) = trade.Place(order);
        if (result is not null)
            await SendMessageAsync(result, CancellationToken.None);
        foreach (var fill in fills)
            await SendFillAsync(fill, CancellationToken.None);
    }

    private Task AnswerSnapshotAsync(SnapshotRequestMessage request)
    {
        var snapshot = _options.TradeServer?.Snapshot(request.SinceMs)
            ?? new TradeSnapshotMessage(0, _options.Time.GetUtcNow().ToUnixTimeMilliseconds(), request.SinceMs, false, [], [], []);
        return SendMessageAsync(snapshot, CancellationToken.None);
    }
}
