namespace Plan2.Core.Strategies;

/// <summary>
/// When a prediction is worth a trade. Long when P(up) ≥ <see cref="LongAbove"/>, short when
/// P(up) ≤ <see cref="ShortBelow"/>, and only with confidence ≥ <see cref="MinConfidence"/>. The size
/// is the strategy's lots scaled by confidence above <see cref="ConfidenceFloor"/> exactly as
/// pre-trade risk scales it (set the floor to the account's), so risk never has to cut the order.
/// </summary>
public sealed record AiStrategySettings
{
    public double LongAbove { get; init; } = 0.53;
    public double ShortBelow { get; init; } = 0.47;
    public double MinConfidence { get; init; } = 0.5;
    public double ConfidenceFloor { get; init; } = 0.0;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(LongAbove > 0.5 && LongAbove <= 1.0))
            errors.Add($"LongAbove must be above 0.5 and at most 1, not {LongAbove}.");
        if (!(ShortBelow >= 0.0 && ShortBelow < 0.5))
            errors.Add($"ShortBelow must be at least 0 and below 0.5, not {ShortBelow}.");
        if (!(MinConfidence >= 0.0 && MinConfidence <= 1.0))
            errors.Add($"MinConfidence must be between 0 and 1, not {MinConfidence}.");
        if (!(ConfidenceFloor >= 0.0 && ConfidenceFloor < 1.0))
            errors.Add($"ConfidenceFloor must be at least 0 and below 1, not {ConfidenceFloor}.");
        return errors;
    }
}
