using Orleans.Concurrency;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// The paper broker's book for one symbol (key: the symbol): orders that did not fill on their arrival
/// quote (limits away from the market, untriggered stops, the rest of an order larger than the depth)
/// worked against every later tick of the symbol, with DAY/GTD expiry. It listens to the instrument's
/// ticks only while something rests. Silo-internal: order grains call it.
/// </summary>
[Alias("plan2.IPaperBookGrain")]
public interface IPaperBookGrain : IGrainWithStringKey, Abstractions.MarketData.ITickObserver
{
    /// <summary>
    /// Works the order on its current terms from the next tick, replacing older terms of it. Idempotent: terms no newer
    /// than those it works, or a rest while a report of the order is on its way, change nothing (nothing fills twice).
    /// </summary>
    [Alias("Rest"), AlwaysInterleave] Task RestAsync(RestingTicket ticket);

    /// <summary>
    /// Stops working the order. False when the book has just filled, expired or triggered it and the
    /// report is on its way to the order: a cancel or replace must then be refused, the report wins.
    /// </summary>
    [Alias("Withdraw"), AlwaysInterleave] Task<bool> WithdrawAsync(string orderId);

    /// <summary>Ends the orders whose DAY/GTD expiry has come (the book's own alarm sends this).</summary>
    [Alias("ExpireDue"), OneWay] Task ExpireDueAsync();

    /// <summary>Orders resting here now, for tests and the dashboard.</summary>
    [Alias("GetResting"), ReadOnly, AlwaysInterleave] Task<IReadOnlyList<string>> GetRestingAsync();
}

/// <summary>The order grain's side of the paper book: reports of what the book did, applied in order.</summary>
[Alias("plan2.IVenueReportSink")]
public interface IVenueReportSink : IGrainWithStringKey
{
    [Alias("OnVenueReports")] Task OnVenueReportsAsync(IReadOnlyList<PaperBookReport> reports);

    /// <summary>The order's terms to rest on now, null when it no longer works (a paper book rebuilding itself asks).</summary>
    [Alias("GetResting"), ReadOnly, AlwaysInterleave] Task<RestingTicket?> GetRestingAsync();
}
