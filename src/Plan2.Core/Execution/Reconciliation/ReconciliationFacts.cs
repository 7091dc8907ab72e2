using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution.Reconciliation;

// The facts reconciliation compares and what it decides, kept together because they are read as a set.

/// <summary>
/// One of our orders still working at the venue, as we hold it. RestingPrice: the price it should rest at there (a limit's
/// limit, a stop's or waiting stop-limit's stop, a triggered stop-limit's limit; null for none); VolumeLeft: not yet filled;
/// LastRequestAt: when a request for it (place, modify, cancel) last went to the venue.
/// </summary>
public sealed record WorkingOrderFact(string ClientOrderId, OrderStatus Status, string? VenueOrderId, decimal? RestingPrice = null,
    decimal? VolumeLeft = null, DateTimeOffset? LastRequestAt = null);

/// <summary>One order the venue holds open; ClientOrderId may be empty when the venue cannot tell. Price and VolumeLeft as it reports them.</summary>
public sealed record VenueOrderFact(string VenueOrderId, string ClientOrderId, decimal? Price = null, decimal? VolumeLeft = null);

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
    /// <summary>
    /// Both hold it open at different prices (a modify it applied but never confirmed, or one made at the terminal): what
    /// rests at the venue is what can fill, so ours takes the venue's price (<see cref="OrderResolutionStep.VenuePrice"/>).
    /// </summary>
    TakeVenuePrice,
    /// <summary>Both hold it open with different volumes left: reported only, as only deals change what is filled.</summary>
    ReportVolume,
}

public sealed record OrderResolutionStep(string ClientOrderId, OrderResolution Resolution, string? VenueOrderId, string Reason,
    decimal? VenuePrice = null);

/// <summary>Net position (buy positive) of one symbol on each side, when they differ.</summary>
public sealed record PositionGap(string Symbol, decimal Ours, decimal Venue);
