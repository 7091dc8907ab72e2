using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;
using Plan2.Hosting.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.Trading;

/// <summary>
/// This silo's end of the MT5 route. As <see cref="IMt5TerminalRoute"/> it sends orders to terminals
/// connected here. As the bridge sink's trading half it hands each terminal's reports to its terminal
/// grain in arrival order, on a queue per terminal and off the bridge's read loop: an account busy
/// placing an order waits for that order's ORDER_RESULT, which must still be read while a FILL of another
/// order waits for the account. After each WELCOME it asks the terminal for a snapshot from the grain's
/// deal cursor (reconciliation). Every 10 s it re-announces its terminals, so a terminal grain that moved
/// to another silo learns the route again. A report lost to a crash here is recovered by that snapshot.
/// </summary>
public sealed class Mt5TerminalLink(IGrainFactory grains, IServiceProvider services, ILogger<Mt5TerminalLink> logger, TimeProvider clock)
    : BackgroundService, IMt5TerminalRoute
{
    private static readonly TimeSpan ReannounceEvery = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Channel<Func<Task>>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _connected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SnapshotWatch> _watches = new(StringComparer.Ordinal);
    private IMt5TerminalRoute? _self;

    private BridgeServer Bridge => services.GetRequiredService<BridgeService>().Server;

    // Orleans holds observers weakly: this singleton keeps the object alive, the reference is made once.
    private IMt5TerminalRoute Self => _self ??= grains.CreateObjectReference<IMt5TerminalRoute>(this);

    Task<Mt5OrderAnswer> IMt5TerminalRoute.SendOrderAsync(Mt5OrderRequest order) => AskAsync("order", order.ClientOrderId, order.TerminalId, async () =>
    {
        var report = await Bridge.SendOrderAsync(order.TerminalId, order.ToCommand(), CancellationToken.None);
        return report.Kind == ExecutionReportKind.Accepted
            ? new Mt5OrderAnswer(Mt5SendOutcome.Accepted, report.Retcode, report.OrderTicket.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Message)
            : new Mt5OrderAnswer(Mt5SendOutcome.Rejected, report.Retcode, "", report.Message);
    });

    Task<Mt5OrderAnswer> IMt5TerminalRoute.CancelOrderAsync(Mt5CancelRequest cancel) => AskAsync("cancel", cancel.ClientOrderId, cancel.TerminalId, async () =>
        Answer(await Bridge.SendCancelAsync(cancel.TerminalId, new CancelCommand(Mt5Mapping.ParseTicket(cancel.VenueOrderId), cancel.ClientOrderId, cancel.Symbol),
            CancellationToken.None)));

    Task<Mt5OrderAnswer> IMt5TerminalRoute.ModifyOrderAsync(Mt5ModifyRequest modify) => AskAsync("modify", modify.ClientOrderId, modify.TerminalId, async () =>
        Answer(await Bridge.SendModifyAsync(modify.TerminalId, modify.ToCommand(), CancellationToken.None)));

    private static Mt5OrderAnswer Answer(RequestResultMessage result) =>
        new(result.IsDone ? Mt5SendOutcome.Accepted : Mt5SendOutcome.Rejected, result.Retcode, "", result.Message);

    /// <summary>One request to a terminal connected here, its failures made answers: not connected, too old an EA, unknown outcome.</summary>
    private async Task<Mt5OrderAnswer> AskAsync(string what, string clientOrderId, string terminalId, Func<Task<Mt5OrderAnswer>> send)
    {
        using var sending = Watch(terminalId).Send(clientOrderId);
        try
        {
            return await send();
        }
        catch (TerminalNotConnectedException ex)
        {
            return new Mt5OrderAnswer(Mt5SendOutcome.NotConnected, 0, "", ex.Message);
        }
        catch (TerminalTooOldException ex)
        {
            return new Mt5OrderAnswer(Mt5SendOutcome.Rejected, 0, "", ex.Message);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            logger.LogWarning("MT5 {What} of {ClientOrderId} to {Terminal}: outcome unknown ({Reason}); a late report or reconciliation decides",
                what, clientOrderId, terminalId, ex.Message);
            return new Mt5OrderAnswer(Mt5SendOutcome.Unknown, 0, "", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return new Mt5OrderAnswer(Mt5SendOutcome.Rejected, Mt5Retcode.Invalid, "", ex.Message);
        }
    }

    public void OnConnected(BridgeSession session)
    {
        _connected[session.TerminalId] = true;
        Enqueue(session.TerminalId, () => RequestSnapshotAsync(session.TerminalId));
    }

    public void OnReport(BridgeSession session, ExecutionReport report) =>
        Enqueue(session.TerminalId, () => Terminal(session.TerminalId).OnReportAsync(report.ToVenueReport(clock.GetUtcNow())));

    public void OnSnapshot(BridgeSession session, TradeSnapshot snapshot) => Enqueue(session.TerminalId, async () =>
    {
        var watch = Watch(session.TerminalId);
        await Terminal(session.TerminalId).OnSnapshotAsync(snapshot.ToView(clock.GetUtcNow(), watch.Answered(), watch.AskedAt));
        if (snapshot.Truncated)
            await RequestSnapshotAsync(session.TerminalId); // from the cursor the applied deals moved
    });

    public void OnDisconnected(BridgeSession session, string reason)
    {
        _connected.TryRemove(session.TerminalId, out _);
        Enqueue(session.TerminalId, () => Terminal(session.TerminalId).DisconnectedAsync(Self, reason));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReannounceEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var terminal in _connected.Keys)
                Enqueue(terminal, () => Terminal(terminal).ConnectedAsync(Self));
    }

    private async Task RequestSnapshotAsync(string terminalId)
    {
        var since = await Terminal(terminalId).ConnectedAsync(Self);
        Watch(terminalId).Asked(clock.GetUtcNow()); // before the request leaves: an order sent after it is not in the answer
        if (!await Bridge.RequestSnapshotAsync(terminalId, since.ToUnixTimeMilliseconds(), CancellationToken.None))
            logger.LogWarning("MT5 terminal {Terminal} cannot be asked for a snapshot (older EA or gone): no reconciliation on this connection", terminalId);
    }

    private SnapshotWatch Watch(string terminalId) => _watches.GetOrAdd(terminalId, _ => new SnapshotWatch());

    private IMt5TerminalGrain Terminal(string terminalId) => grains.GetGrain<IMt5TerminalGrain>(terminalId);

    private void Enqueue(string terminalId, Func<Task> work)
    {
        var queue = _queues.GetOrAdd(terminalId, id =>
        {
            var channel = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
            _ = DrainAsync(id, channel.Reader);
            return channel;
        });
        queue.Writer.TryWrite(work);
    }

    private async Task DrainAsync(string terminalId, ChannelReader<Func<Task>> reader)
    {
        await foreach (var work in reader.ReadAllAsync())
        {
            try
            {
                await work();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "MT5 terminal {Terminal}: a report could not be handed to the grains; the next reconciliation recovers its deals", terminalId);
            }
        }
    }
}
