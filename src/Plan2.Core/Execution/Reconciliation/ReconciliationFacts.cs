using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution.Reconciliation;

// The facts reconciliation compares and what it decides, kept together because they are read as a set.

/// <summary>One of our orders still working at the venue, as we hold it.</summary>
public sealed record WorkingOrderFact(string ClientOrderId, OrderStatus Status, string? VenueOrderId);

/// <summary>One order the venue holds open; ClientOrderId may be empty when the venue cannot tell.</summary>
public sealed record VenueOrderFact(string VenueOrderId, string ClientOrderId);

public enum OrderResolution
{
    /// <summary>Both sides hold it open: nothing to do.</summary>
    Keep,
    /// <summary>We still had it Submitted; the venue holds it: it was accepted (with the venue's id).</summary>
    Confirm,
    /// <summary>Never accepted and unknown to the venue: it never got there.</summary>
    Reject,
    /// <summary>Accepted once, no longer open at the venue and not filled: canceled or expired there.</summary>
    Cancel,
    /// <summary>We asked to cancel it and no answer came (the venue was away); the venue still holds it: ask again now.</summary>
    ResendCancel,
}

public sealed record OrderResolutionStep(string ClientOrderId, OrderResolution Resolution, string? VenueOrderId, string Reason);

/// <summary>Net position (buy positive) of one symbol on each side, when they differ.</summary>
public sealed record PositionGap(string Symbol, decimal Ours, decimal Venue);
