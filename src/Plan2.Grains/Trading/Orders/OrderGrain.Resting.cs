using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading.Accounts;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Grains.Trading.Orders;

// Orders that rest at the paper broker: what its arrival quote left is handed to the symbol's paper book,
// which reports later triggers, fills and expiries here; each is applied, journaled and then booked by the account.
public sealed partial class OrderGrain : IVenueReportSink
{
    private const string ReportInFlight = "The paper broker is reporting a fill or expiry of this order; ask again once it is booked.";

    Task IVenueReportSink.OnVenueReportsAsync(IReadOnlyList<PaperBookReport> reports) => GuardedAsync(async () =>
    {
        await LoadAsync();
        if (_history is not { } history)
            return false;
        foreach (var report in reports)
        {
            var e = report.ToEvent(OrderId);
            // An order that closed meanwhile (cancelled by its owner) refuses the report: nothing to book.
            history.Record(e, Actor.Venue, Describe(e), report.Quote);
        }
        if (history.Pending.Count == 0)
            return false;
        await CommitAsync();
        await GrainFactory.GetGrain<IAccountBooking>(OrderKeys.Account(Tenant, history.AccountId)).AbsorbOrderAsync(history.ToView());
        return true;
    });

    async Task<RestingTicket?> IVenueReportSink.GetRestingAsync()
    {
        await LoadAsync();
        return Venue.IsSimulated && _history is { } history && history.Order.Status.IsWorking()
            ? RestingTicket.From(this.GetPrimaryKeyString(), history.Order)
            : null;
    }

    /// <summary>A paper order that is still working after its venue answer rests in its symbol's book, on its terms now.</summary>
    private async Task RestIfWorkingAsync()
    {
        if (Venue.IsSimulated && _history is { } history && history.Order.Status.IsWorking())
            await Book(history.Order).RestAsync(RestingTicket.From(this.GetPrimaryKeyString(), history.Order));
    }

    /// <summary>Takes the order out of the paper book before a cancel or replace; false when a report of it is on its way.</summary>
    private Task<bool> WithdrawFromBookAsync() =>
        Venue.IsSimulated ? Book(_history!.Order).WithdrawAsync(OrderId) : Task.FromResult(true);

    private IPaperBookGrain Book(Order order) => GrainFactory.GetGrain<IPaperBookGrain>(order.Symbol);
}
