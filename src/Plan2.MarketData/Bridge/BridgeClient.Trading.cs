using System.Net.Sockets;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The twin's trading side, as the EA's HandleOrder, HandleCancel, HandleModify, OnTradeTransaction and snapshot
/// code: one ORDER_RESULT per ORDER and one REQUEST_RESULT per CANCEL or MODIFY, then the deals as FILLs and
/// order events as ORDER_EVENTs; those made while disconnected wait and go out after the next WELCOME, in order.
/// </summary>
public sealed partial class BridgeClient
{
    private readonly List<IBridgeMessage> _queuedReports = [];

    /// <summary>FILLs and ORDER_EVENTs waiting for a connection (the EA's g_pendingFills).</summary>
    public int QueuedFills
    {
        get
        {
            lock (_queuedReports)
                return _queuedReports.Count;
        }
    }

    private bool Connected => Welcome is not null && _stream is not null && !_closed.Task.IsCompleted;

    /// <summary>A deal stamped on the trade server's clock, sent in UTC; queued while there is no connection.</summary>
    public Task SendFillAsync(FillMessage fill, CancellationToken ct) =>
        SendReportAsync(fill.TimeMs == 0 ? fill : fill with { TimeMs = fill.TimeMs - Interlocked.Read(ref _brokerOffsetMs) }, ct);

    /// <summary>
    /// An order triggered, canceled or expired at the terminal (version 4), stamped like a deal; queued while there is no
    /// connection. Not sent on an older connection, as the EA does not: reconciliation closes such orders there.
    /// </summary>
    public Task SendOrderEventAsync(OrderEventMessage e, CancellationToken ct) => _version < BridgeProtocol.TradingVersion
        ? Task.CompletedTask
        : SendReportAsync(e.TimeMs == 0 ? e : e with { TimeMs = e.TimeMs - Interlocked.Read(ref _brokerOffsetMs) }, ct);

    private async Task SendReportAsync(IBridgeMessage report, CancellationToken ct)
    {
        if (Connected)
        {
            try
            {
                await SendMessageAsync(report, ct);
                return;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Lost on the way out: keep it for the next connection, as the EA does.
            }
        }
        lock (_queuedReports)
            _queuedReports.Add(report);
    }

    /// <summary>An ORDER_RESULT sent on its own, e.g. one that arrives after the server stopped waiting for it.</summary>
    public Task SendOrderResultAsync(OrderResultMessage result, CancellationToken ct) => SendMessageAsync(result, ct);

    /// <summary>Drops the queued reports: an EA restart loses them, and only reconciliation can recover those deals.</summary>
    public void ForgetQueuedFills()
    {
        lock (_queuedReports)
            _queuedReports.Clear();
    }

    private async Task SendQueuedFillsLockedAsync(CancellationToken ct)
    {
        IBridgeMessage[] reports;
        lock (_queuedReports)
        {
            reports = [.. _queuedReports];
            _queuedReports.Clear();
        }
        foreach (var report in reports)
        {
            // An ORDER_EVENT is version 4: an older connection has no frame for it (the snapshot closes that order instead).
            if (report is OrderEventMessage && _version < BridgeProtocol.TradingVersion)
                continue;
            await _stream!.WriteAsync(Frame(report), ct);
        }
    }

    private async Task AnswerOrderAsync(TwinTradeServer trade, OrderCommand order)
    {
        var placement = trade.Place(order);
        if (placement.Result is not null)
            await SendMessageAsync(placement.Result, CancellationToken.None);
        foreach (var fill in placement.Fills)
            await SendFillAsync(fill, CancellationToken.None);
        foreach (var e in placement.Events)
            await SendOrderEventAsync(e, CancellationToken.None);
    }

    private async Task AnswerCancelAsync(TwinTradeServer? trade, CancelCommand cancel)
    {
        var (result, removed) = trade?.Remove(cancel)
            ?? (new RequestResultMessage(BridgeRequestAction.Cancel, Mt5Retcode.Invalid, cancel.OrderTicket, cancel.ClientOrderId, "no trade server"), null);
        if (trade?.AnswersRequests != false)
            await SendMessageAsync(result, CancellationToken.None);
        if (removed is not null)
            await SendOrderEventAsync(removed, CancellationToken.None);
    }

    private Task AnswerModifyAsync(TwinTradeServer? trade, ModifyCommand modify)
    {
        var result = trade?.Modify(modify)
            ?? new RequestResultMessage(BridgeRequestAction.Modify, Mt5Retcode.Invalid, modify.OrderTicket, modify.ClientOrderId, "no trade server");
        return trade?.AnswersRequests == false ? Task.CompletedTask : SendMessageAsync(result, CancellationToken.None);
    }

    private Task AnswerSnapshotAsync(SnapshotRequestMessage request)
    {
        var snapshot = _options.TradeServer?.Snapshot(request.SinceMs)
            ?? new TradeSnapshotMessage(0, _options.Time.GetUtcNow().ToUnixTimeMilliseconds(), request.SinceMs, false, [], [], []);
        return SendMessageAsync(snapshot with { Deals = snapshot.Deals.Select(d => d with { Layout = _version }).ToList() }, CancellationToken.None);
    }
}
