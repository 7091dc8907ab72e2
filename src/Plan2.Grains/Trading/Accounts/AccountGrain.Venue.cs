using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;
using Plan2.Core.Execution.Reconciliation;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// The MT5 route's side of the account: the link to a terminal, later venue reports and reconciliation.
public sealed partial class AccountGrain
{
    private string Key => this.GetPrimaryKeyString();

    /// <summary>Claims the terminal for this account before the account exists, so two accounts never share one.</summary>
    private async Task LinkTerminalAsync(Mt5Link? link)
    {
        if (link is null)
            return;
        if (string.IsNullOrWhiteSpace(link.TerminalId) || System.Text.Encoding.UTF8.GetByteCount(link.TerminalId) > 64 || link.Login == 0)
            throw new ArgumentException("An MT5 link needs the terminal id (1-64 bytes, as the EA sends it: LOGIN@SERVER) and a non-zero login.");
        await GrainFactory.GetGrain<IMt5TerminalGrain>(link.TerminalId).LinkAsync(Key, link.Login);
    }

    Task<OrderOutcome> IAccountGrain.ApplyVenueReportAsync(VenueReport report) => ApplyReportAsync(report);

    private async Task<OrderOutcome> ApplyReportAsync(VenueReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ledger = RequireOpen();
        // A forgotten order (closed long ago) is asked of its order grain, which answers as it always did.
        var clientOrderId = report.ClientOrderId.Length > 0 && (ledger.Knows(report.ClientOrderId) || await ForgottenAsync(report.ClientOrderId))
            ? report.ClientOrderId : _window.ByVenueOrder(report.VenueOrderId);
        if (clientOrderId is null)
            return Refused("UnknownOrder",
                $"Account '{AccountId}' has no order '{report.ClientOrderId}' (venue order {report.VenueOrderId}): not placed through the platform.");
        var outcome = await OrderGrain(clientOrderId).ApplyVenueReportAsync(report);
        if (outcome.Order is { } view && Absorb(view) && !outcome.IsRefused)
            Tell(view); // a terminal's result or deal is news once; a repeated deal is not
        return outcome;
    }

    async Task<ReconciliationReport> IAccountGrain.ReconcileAsync(TerminalSnapshotView snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ledger = RequireOpen();
        var venue = $"terminal '{snapshot.TerminalId}'";
        var applied = new List<string>();
        var duplicates = 0;
        var differences = new List<ReconciliationDifference>();
        foreach (var deal in snapshot.Deals)
        {
            var outcome = await ApplyReportAsync(deal);
            var subject = $"deal {deal.TradeId}";
            var what = $"{deal.Side} {deal.Quantity} {deal.Symbol} at {deal.Price}, order {deal.VenueOrderId} '{deal.ClientOrderId}'";
            if (outcome.Duplicate)
                duplicates++;
            else if (!outcome.IsRefused)
            {
                applied.Add(deal.TradeId ?? "");
                differences.Add(new(ReconciliationDifferenceKind.MissedFill, subject, what + ": not applied here yet", $"applied to order '{outcome.Order!.ClientOrderId}'"));
            }
            else
                differences.Add(outcome.RefusalCode == "UnknownOrder"
                    ? new(ReconciliationDifferenceKind.ForeignDeal, subject, what + ": no order of this account", "reported only")
                    : new(ReconciliationDifferenceKind.FillRefused, subject, what, $"refused: {outcome.Message}"));
        }
        await ResolveOrdersAsync(ledger.WorkingOrders.ToList(), snapshot, venue, differences);
        ComparePositions(ledger.Book, snapshot, differences);
        var report = new ReconciliationReport(snapshot.TerminalId, Key, clock.NowMicros(), snapshot.Since, snapshot.Deals.Count, applied, duplicates, differences);
        foreach (var d in differences)
            Logger.LogWarning("Reconciliation of {Account} with {Terminal}: {Kind} {Subject}: {Detail}; {Resolution}",
                Key, snapshot.TerminalId, d.Kind, d.Subject, d.Detail, d.Resolution);
        return report;
    }

    private async Task ResolveOrdersAsync(IReadOnlyList<string> working, TerminalSnapshotView snapshot, string venue, List<ReconciliationDifference> differences)
    {
        var views = (await Task.WhenAll(working.Select(id => OrderGrain(id).GetAsync()))).OfType<OrderView>().ToDictionary(v => v.ClientOrderId);
        var heldAs = snapshot.Orders.Where(o => o.VenueOrderId.Length > 0).GroupBy(o => o.VenueOrderId).ToDictionary(g => g.Key, g => g.First().Type);
        var facts = views.Values.Select(v => new WorkingOrderFact(v.ClientOrderId, (OrderStatus)v.State, v.VenueOrderId,
            RestingPrice(v, v.VenueOrderId is { } t ? heldAs.GetValueOrDefault(t) : null), v.Quantity - v.FilledQuantity,
            v.Audit.LastOrDefault(a => a.Event is "submitted" or "update-requested" or "cancel-requested")?.At));
        var open = snapshot.Orders.Select(o => new VenueOrderFact(o.VenueOrderId, o.ClientOrderId, o.Price, o.VolumeLeft)).ToList();
        foreach (var step in TerminalReconciler.ResolveOrders(facts, open, venue, snapshot.SentSinceAsked, snapshot.AskedAt).Where(s => s.Resolution != OrderResolution.Keep))
        {
            var view = views[step.ClientOrderId];
            if (step.Resolution == OrderResolution.ResendCancel)
            {
                var retried = await OrderGrain(step.ClientOrderId).RetryCancelAsync();
                if (retried.Order is { } now && Absorb(now))
                    Tell(now);
                differences.Add(new(ReconciliationDifferenceKind.CancelResent, step.ClientOrderId, $"{view.State} here; {step.Reason}",
                    retried.Order is { } o ? $"now {o.State}{(o.State == OrderState.PendingCancel ? " (no answer yet)" : "")}" : $"refused: {retried.Message}"));
                continue;
            }
            if (step.Resolution == OrderResolution.ReportVolume)
            {
                differences.Add(new(ReconciliationDifferenceKind.VolumeMismatch, step.ClientOrderId, step.Reason, "reported only"));
                continue;
            }
            var (kind, difference) = step.Resolution switch
            {
                OrderResolution.Confirm => (VenueReportKind.Accepted, ReconciliationDifferenceKind.OrderConfirmed),
                OrderResolution.Reject => (VenueReportKind.Rejected, ReconciliationDifferenceKind.OrderClosed),
                OrderResolution.TakeVenuePrice => (VenueReportKind.Repriced, ReconciliationDifferenceKind.PriceTaken),
                _ => (VenueReportKind.Canceled, ReconciliationDifferenceKind.OrderClosed),
            };
            var outcome = await ApplyReportAsync(new VenueReport(kind, step.ClientOrderId, step.VenueOrderId ?? "", clock.NowMicros(), view.Symbol,
                Price: step.VenuePrice ?? 0m, Reason: step.Reason));
            differences.Add(new(difference, step.ClientOrderId, $"{view.State} here, filled {view.FilledQuantity} of {view.Quantity}; {step.Reason}",
                outcome.IsRefused ? $"refused: {outcome.Message}" : $"now {outcome.Order!.State}" +
                    (kind == VenueReportKind.Repriced ? $" at {step.VenuePrice}" : "")));
        }
    }

    /// <summary>
    /// The price the order should rest at the terminal: a limit's (or triggered stop-limit's) limit, else its stop. A stop-limit
    /// the terminal holds as a limit triggered there unseen here (its ORDER_EVENT lost): not compared, as its stop is gone.
    /// </summary>
    private static decimal? RestingPrice(OrderView v, TradeOrderType? heldAs) => v.Type switch
    {
        TradeOrderType.Limit => v.LimitPrice,
        TradeOrderType.Stop => v.TriggerPrice,
        TradeOrderType.StopLimit when v.Audit.Any(a => a.Event == "triggered") => v.LimitPrice,
        TradeOrderType.StopLimit => heldAs == TradeOrderType.Limit ? null : v.TriggerPrice,
        _ => null,
    };

    private static void ComparePositions(Core.Trading.Positions.PositionBook book, TerminalSnapshotView snapshot, List<ReconciliationDifference> differences)
    {
        var ours = book.Open.GroupBy(p => p.Symbol).ToDictionary(g => g.Key, g => g.Sum(p => p.SignedQuantity), StringComparer.Ordinal);
        var terminal = snapshot.Positions.GroupBy(p => p.Symbol)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Side == TradeSide.Buy ? p.Volume : -p.Volume), StringComparer.Ordinal);
        foreach (var gap in TerminalReconciler.ComparePositions(ours, terminal))
            differences.Add(new(ReconciliationDifferenceKind.PositionMismatch, gap.Symbol, $"net {gap.Ours} here, {gap.Venue} at the terminal",
                "reported only: positions move by deals alone"));
    }

    private ILogger Logger => _logger ??= ServiceProvider.GetService(typeof(ILoggerFactory)) is ILoggerFactory f
        ? f.CreateLogger<AccountGrain>() : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private ILogger? _logger;
}
