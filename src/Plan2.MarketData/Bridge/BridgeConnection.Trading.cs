using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Plan2.MarketData.Bridge;

/// <summary>Orders, cancels and modifies out; ORDER_RESULT, REQUEST_RESULT, FILL and ORDER_EVENT in.</summary>
internal sealed partial class BridgeConnection
{
    private readonly ConcurrentDictionary<(BridgeRequestAction, string), TaskCompletionSource<RequestResultMessage>> _pendingRequests = new();

    public async Task<ExecutionReport> SendOrderAsync(OrderCommand order, CancellationToken ct)
    {
        if (order.NeedsTradingVersion && _version < BridgeProtocol.TradingVersion)
            throw new TerminalTooOldException(_session?.TerminalId ?? "", _version,
                order.OrderType == BridgeOrderType.StopLimit ? "a stop-limit order" : $"time in force {order.TimeInForce}");
        var pending = new TaskCompletionSource<ExecutionReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pendingOrders.TryAdd(order.ClientOrderId, pending))
            throw new InvalidOperationException($"Order '{order.ClientOrderId}' is already waiting for its result.");
        try
        {
            await SendOrThrowAsync(order with { Layout = _version }, ct);
            return await pending.Task.WaitAsync(_options.OrderTimeout, _server.Time, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No ORDER_RESULT for '{order.ClientOrderId}' from {_session?.TerminalId} within {_options.OrderTimeout}.");
        }
        finally
        {
            _pendingOrders.TryRemove(new KeyValuePair<string, TaskCompletionSource<ExecutionReport>>(order.ClientOrderId, pending));
        }
    }

    /// <summary>Sends CANCEL or MODIFY and waits for its REQUEST_RESULT, bounded like an order; a late one is only logged.</summary>
    public async Task<RequestResultMessage> SendRequestAsync<T>(BridgeRequestAction action, string clientOrderId, T request, CancellationToken ct)
        where T : IBridgeMessage
    {
        if (_version < BridgeProtocol.TradingVersion)
            throw new TerminalTooOldException(_session?.TerminalId ?? "", _version, action == BridgeRequestAction.Cancel ? "a cancel" : "a modify");
        var key = (action, clientOrderId);
        var pending = new TaskCompletionSource<RequestResultMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pendingRequests.TryAdd(key, pending))
            throw new InvalidOperationException($"A {action} of '{clientOrderId}' is already waiting for its result.");
        try
        {
            await SendOrThrowAsync(request, ct);
            return await pending.Task.WaitAsync(_options.OrderTimeout, _server.Time, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No REQUEST_RESULT for the {action} of '{clientOrderId}' from {_session?.TerminalId} within {_options.OrderTimeout}.");
        }
        finally
        {
            _pendingRequests.TryRemove(new KeyValuePair<(BridgeRequestAction, string), TaskCompletionSource<RequestResultMessage>>(key, pending));
        }
    }

    private async Task SendOrThrowAsync<T>(T message, CancellationToken ct) where T : IBridgeMessage
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _cts.Token);
        try
        {
            await SendAsync(message, linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            throw new IOException($"Terminal connection {Id} is closing.", ex);
        }
    }

    private void FailPendingRequests(string reason)
    {
        foreach (var pending in _pendingRequests.Values)
            pending.TrySetException(new IOException($"Terminal connection closed before REQUEST_RESULT: {reason}"));
    }

    private async ValueTask HandleOrderResultAsync(OrderResultMessage result, CancellationToken ct)
    {
        var report = ExecutionReport.FromOrderResult(_session!.TerminalId, result, _server.Time.GetUtcNow().ToUnixTimeMilliseconds());
        if (report is null)
        {
            DropInvalidReport(result.ClientOrderId);
            return;
        }
        // A result that arrives after its caller timed out still reaches the sink: it is the order's truth.
        if (_pendingOrders.TryRemove(result.ClientOrderId, out var pending))
            pending.TrySetResult(report);
        await CallSinkAsync(static (sink, s, r, ct) => sink.OnExecutionReportAsync(s, r, ct), report, ct);
    }

    /// <summary>
    /// Only its caller needs a REQUEST_RESULT: a cancel that was done shows at the terminal as the order gone (ORDER_EVENT and the
    /// next snapshot), a modify as the order's new terms; a late one is logged.
    /// </summary>
    private ValueTask HandleRequestResult(RequestResultMessage result)
    {
        if (_pendingRequests.TryRemove((result.Action, result.ClientOrderId), out var pending))
            pending.TrySetResult(result);
        else
            Logger.LogWarning("Bridge {Terminal}: late {Action} result for order {ClientOrderId}: retcode {Retcode} {Message}",
                _session?.TerminalId, result.Action, result.ClientOrderId, result.Retcode, result.Message);
        return ValueTask.CompletedTask;
    }

    private async ValueTask HandleFillAsync(FillMessage fill, CancellationToken ct)
    {
        if (ExecutionReport.FromFill(_session!.TerminalId, fill) is not { } report)
        {
            DropInvalidReport(fill.ClientOrderId);
            return;
        }
        await CallSinkAsync(static (sink, s, r, ct) => sink.OnExecutionReportAsync(s, r, ct), report, ct);
    }

    private async ValueTask HandleOrderEventAsync(OrderEventMessage e, CancellationToken ct)
    {
        if (ExecutionReport.FromOrderEvent(_session!.TerminalId, e) is not { } report)
        {
            DropInvalidReport(e.ClientOrderId);
            return;
        }
        await CallSinkAsync(static (sink, s, r, ct) => sink.OnExecutionReportAsync(s, r, ct), report, ct);
    }
}
