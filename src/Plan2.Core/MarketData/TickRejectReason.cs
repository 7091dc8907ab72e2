namespace Plan2.Core.MarketData;

/// <summary>Why a tick was refused. Names are stable: they appear in reports, JSON and dashboards.</summary>
public enum TickRejectReason : byte
{
    None = 0,
    NotANumber,
    Infinite,
    NonPositivePrice,
    BidAboveAsk,
    OutOfOrder,
    InFuture,
    Spike,
}

public static class TickRejectReasonNames
{
    public const int Count = (int)TickRejectReason.Spike + 1;

    /// <summary>snake_case, as in import reports: "bid_above_ask".</summary>
    public static string ToSnakeCase(this TickRejectReason reason) => reason switch
    {
        TickRejectReason.None => "none",
        TickRejectReason.NotANumber => "not_a_number",
        TickRejectReason.Infinite => "infinite",
        TickRejectReason.NonPositivePrice => "non_positive_price",
        TickRejectReason.BidAboveAsk => "bid_above_ask",
        TickRejectReason.OutOfOrder => "out_of_order",
        TickRejectReason.InFuture => "in_future",
        TickRejectReason.Spike => "spike",
        _ => "unknown",
    };
}
