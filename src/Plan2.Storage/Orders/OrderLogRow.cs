namespace Plan2.Storage.Orders;

/// <summary>One row of plan2_order_events; Payload is JSON text.</summary>
public sealed record OrderLogRow(
    string Tenant,
    string AccountId,
    string StreamId,
    int Sequence,
    DateTimeOffset At,
    string Kind,
    string Payload);
