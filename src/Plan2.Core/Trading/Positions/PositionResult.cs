namespace Plan2.Core.Trading.Positions;

/// <summary>Booked (with what changed) or refused with a typed reason and a sentence.</summary>
public readonly record struct PositionResult(PositionRefusalReason Reason, string? Message, PositionChange Change)
{
    public bool IsOk => Reason == PositionRefusalReason.None;

    public static PositionResult Booked(PositionChange change) => new(PositionRefusalReason.None, null, change);

    public static PositionResult Refused(PositionRefusalReason reason, string message) => new(reason, message, default);

    public override string ToString() => IsOk ? $"booked {Change}" : $"{Reason}: {Message}";
}
