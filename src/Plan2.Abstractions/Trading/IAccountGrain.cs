namespace Plan2.Abstractions.Trading;

/// <summary>
/// One trading account of a tenant, keyed "TENANT/ACCOUNT-ID": cash, positions, exposure, P&amp;L by
/// strategy and open orders, and the source of truth pre-trade risk reads. Every order goes through
/// here: validate, risk, journal, then the order grain and the venue. State is rebuilt from the
/// order journal on activation.
/// </summary>
[Alias("plan2.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens the account with its currency, mode, first deposit and limits; fails if it exists or the tenant does not.</summary>
    [Alias("Open")] Task<AccountView> OpenAsync(OpenAccount command);

    /// <summary>The account now, quotes permitting for unrealised P&amp;L; null if never opened.</summary>
    [Alias("Get"), ReadOnly] Task<AccountView?> GetAsync();

    /// <summary>Validates, runs risk and places the order; a resend of a client order id returns the first order.</summary>
    [Alias("PlaceOrder")] Task<OrderOutcome> PlaceOrderAsync(PlaceOrder order);

    /// <summary>
    /// Pre-trade feedback: validates and runs risk on a proposed order as placing it would, and records
    /// nothing (the submit rate is not counted). Not refused: risk would pass it now; Order is always null.
    /// </summary>
    [Alias("PreviewOrder")] Task<OrderOutcome> PreviewOrderAsync(PlaceOrder order);

    /// <summary>
    /// The P&amp;L of a period from a UTC day start on (a day, week or month): realised P&amp;L, commission and fills,
    /// and the unrealised P&amp;L at its start and now, so that the period's figure counts price moves in it only; null if never opened.
    /// </summary>
    [Alias("GetPeriodPnl"), ReadOnly] Task<PeriodPnlView?> GetPeriodPnlAsync(DateTimeOffset from);

    /// <summary>The account's latest orders (any state), newest first, for a blotter.</summary>
    [Alias("GetRecentOrders"), ReadOnly] Task<IReadOnlyList<OrderView>> GetRecentOrdersAsync(int count);

    /// <summary>Cancels a working order by its client order id.</summary>
    [Alias("CancelOrder")] Task<OrderOutcome> CancelOrderAsync(string clientOrderId, Actor by);

    /// <summary>Changes a working order after risk checks the new terms; a breach refuses it and changes nothing.</summary>
    [Alias("ReplaceOrder")] Task<OrderOutcome> ReplaceOrderAsync(ReplaceOrder replace);

    /// <summary>Stops (or resumes) all new orders on this account.</summary>
    [Alias("SetKillSwitch")] Task SetKillSwitchAsync(bool engaged, Actor by);

    /// <summary>Replaces the account's own limits (null fields inherit the tenant's); applies from the next order.</summary>
    [Alias("SetLimits")] Task SetLimitsAsync(AccountLimits limits, Actor by);

    /// <summary>A later report of this account's venue, for the order it names (by client order id, else by venue order id); fills are booked once.</summary>
    [Alias("ApplyVenueReport")] Task<OrderOutcome> ApplyVenueReportAsync(VenueReport report);

    /// <summary>Compares what the MT5 terminal holds with this account and resolves the differences (rule in Mt5/ReconciliationReport.cs).</summary>
    [Alias("Reconcile")] Task<ReconciliationReport> ReconcileAsync(TerminalSnapshotView snapshot);
}

/// <summary>Kill switch for the whole platform (key "platform") or one tenant (key: the tenant id).</summary>
[Alias("plan2.IKillSwitchGrain")]
public interface IKillSwitchGrain : IGrainWithStringKey
{
    [Alias("Set")] Task SetAsync(bool engaged, Actor by);

    [Alias("IsEngaged"), ReadOnly, AlwaysInterleave] Task<bool> IsEngagedAsync();
}

/// <summary>
/// The account's P&amp;L from <see cref="From"/> (a UTC day start) until now: what the period's fills realised
/// (before commission, the commission, the fills), and the unrealised P&amp;L of the open positions at the
/// period's start (marked at the last stored quote before it) and now. <see cref="Total"/> is the period's
/// P&amp;L: realised after commission plus the change of unrealised; null when a mark is missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.period-pnl")]
public sealed record PeriodPnlView(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] decimal RealizedPnl,
    [property: Id(2)] decimal Commission,
    [property: Id(3)] int Fills,
    [property: Id(4)] decimal? UnrealizedAtStart = null,
    [property: Id(5)] decimal? UnrealizedNow = null)
{
    public decimal NetRealized => RealizedPnl - Commission;

    public decimal? UnrealizedChange => UnrealizedAtStart is { } start && UnrealizedNow is { } now ? now - start : null;

    public decimal? Total => UnrealizedChange is { } change ? NetRealized + change : null;
}
