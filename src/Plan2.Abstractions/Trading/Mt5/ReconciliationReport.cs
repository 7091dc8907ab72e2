namespace Plan2.Abstractions.Trading;

/// <summary>
/// One reconciliation of an account with its MT5 terminal after a reconnect. The rule: the terminal is the
/// truth for fills, so every deal it reports since the cursor is applied to its order once, by deal ticket
/// (FillsApplied: the ones we had missed; DuplicateFills: already had). An order we hold open that the
/// terminal neither lists nor fully filled is closed: Rejected if it was never accepted, else Canceled, with
/// the reason in its audit trail; one both hold open at different prices takes the terminal's price (what rests
/// there is what fills), audited as an update by the venue. Positions are compared per symbol after that and a mismatch is reported,
/// not corrected: only deals move positions. Error: nothing was reconciled, and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.reconciliation-report")]
public sealed record ReconciliationReport(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string? Account,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] int DealsReported,
    [property: Id(5)] IReadOnlyList<string> FillsApplied,
    [property: Id(6)] int DuplicateFills,
    [property: Id(7)] IReadOnlyList<ReconciliationDifference> Differences,
    [property: Id(8)] string? Error = null)
{
    public bool IsClean => Error is null && FillsApplied.Count == 0 && Differences.Count == 0;
}

[GenerateSerializer, Alias("plan2.reconciliation-difference-kind")]
public enum ReconciliationDifferenceKind : byte
{
    /// <summary>A deal we had not applied: applied now.</summary>
    MissedFill = 1,
    /// <summary>Our open order is not open at the terminal: closed (Rejected or Canceled).</summary>
    OrderClosed = 2,
    /// <summary>Our order was still Submitted; the terminal holds it: marked Accepted with its ticket.</summary>
    OrderConfirmed = 3,
    /// <summary>A deal of no order of this account (a manual trade, another EA): reported, not booked.</summary>
    ForeignDeal = 4,
    /// <summary>A deal our order refused (e.g. more than it has left): reported, not booked.</summary>
    FillRefused = 5,
    /// <summary>Net position per symbol differs after applying the deals.</summary>
    PositionMismatch = 6,
    /// <summary>Our cancel got no answer while the terminal was away and it still holds the order: sent again.</summary>
    CancelResent = 7,
    /// <summary>Open on both sides at different prices (e.g. a modify applied there but never confirmed): ours takes the terminal's, audited.</summary>
    PriceTaken = 8,
    /// <summary>Open on both sides with different volumes left: reported, not patched (only deals change what is filled).</summary>
    VolumeMismatch = 9,
}

/// <summary>One difference: of what (a client order id, deal ticket or symbol), what differed, and what was done.</summary>
[GenerateSerializer, Immutable, Alias("plan2.reconciliation-difference")]
public sealed record ReconciliationDifference(
    [property: Id(0)] ReconciliationDifferenceKind Kind,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Detail,
    [property: Id(3)] string Resolution);
