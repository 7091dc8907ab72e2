namespace Plan2.MarketData.Bridge;

public enum ExecutionReportKind
{
    /// <summary>The terminal's trade server accepted the order (retcode 10008, 10009 or 10010).</summary>
    Accepted,

    /// <summary>The terminal or its trade server refused the order; <see cref="ExecutionReport.Retcode"/> says why.</summary>
    Rejected,

    /// <summary>One deal: a whole or partial fill.</summary>
    Fill,

    /// <summary>Version 4: a stop-limit order's stop was reached; it rests as a limit order now.</summary>
    Triggered,

    /// <summary>Version 4: the pending order (or what was left of it) was removed at the terminal.</summary>
    Canceled,

    /// <summary>Version 4: a DAY or GTD order expired at the terminal.</summary>
    Expired,
}
