namespace Plan2.Abstractions.Trading;

/// <summary>
/// One MT5 terminal, keyed by its bridge terminal id: which account it trades (linked once, by the account
/// when it opens), where it is connected now, the deal cursor reconciliation starts from, and the
/// reconciliation reports. Reports from a terminal no account is linked to are refused and counted.
/// </summary>
[Alias("plan2.IMt5TerminalGrain")]
public interface IMt5TerminalGrain : IGrainWithStringKey
{
    /// <summary>Links the account ("TENANT/ACCOUNT") and its login; refused when another account holds this terminal.</summary>
    [Alias("Link")] Task LinkAsync(string account, ulong login);

    [Alias("GetStatus"), ReadOnly, AlwaysInterleave] Task<Mt5TerminalStatus> GetStatusAsync();

    /// <summary>The terminal connected on the silo of <paramref name="route"/>; returns the time deals are to be reported from.</summary>
    [Alias("Connected")] Task<DateTimeOffset> ConnectedAsync(IMt5TerminalRoute route);

    [Alias("Disconnected")] Task DisconnectedAsync(IMt5TerminalRoute route, string reason);

    /// <summary>A live ORDER_RESULT or FILL, for the linked account.</summary>
    [Alias("OnReport")] Task<OrderOutcome> OnReportAsync(VenueReport report);

    /// <summary>The terminal's snapshot after a reconnect: reconciled with the linked account, the report kept.</summary>
    [Alias("OnSnapshot")] Task<ReconciliationReport> OnSnapshotAsync(TerminalSnapshotView snapshot);

    /// <summary>The latest reconciliation reports, newest last.</summary>
    [Alias("GetReconciliations"), ReadOnly, AlwaysInterleave] Task<IReadOnlyList<ReconciliationReport>> GetReconciliationsAsync();
}

/// <summary>
/// A terminal as the platform sees it. Problem: why orders to it are refused now (not linked, its login
/// differs from the account's); null when it can trade. RefusedReports: reports that had no account to go to.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.mt5-terminal-status")]
public sealed record Mt5TerminalStatus(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string? Account,
    [property: Id(2)] ulong? Login,
    [property: Id(3)] ulong? ReportedLogin,
    [property: Id(4)] IMt5TerminalRoute? Route,
    [property: Id(5)] DateTimeOffset DealCursor,
    [property: Id(6)] int RefusedReports,
    [property: Id(7)] string? Problem);
