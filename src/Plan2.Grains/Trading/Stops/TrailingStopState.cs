using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Stops;

/// <summary>
/// The stored form of a trailing stop: how it was armed, where it stands, the last quote it saw and, once
/// triggered, whether its exit was placed (the exit order itself is the order grain's, found by its client order id).
/// </summary>
[GenerateSerializer, Alias("plan2.trailing-stop-state.v1")]
public sealed class TrailingStopState
{
    /// <summary>"Armed", "Triggered" or "Disarmed"; null before the stop was armed.</summary>
    [Id(0), JsonPropertyName("state")] public string? State { get; set; }
    [Id(1), JsonPropertyName("stopPrice")] public decimal? StopPrice { get; set; }
    [Id(2), JsonPropertyName("request")] public ArmTrailingStop? Request { get; set; }
    [Id(3), JsonPropertyName("lastQuoteMs")] public long LastQuoteMs { get; set; }
    [Id(4), JsonPropertyName("exitPlaced")] public bool ExitPlaced { get; set; }
    /// <summary>Why the exit was refused, when it was (nothing was placed then).</summary>
    [Id(5), JsonPropertyName("exitRefusal")] public string? ExitRefusalCode { get; set; }
    [Id(6), JsonPropertyName("exitMessage")] public string? ExitMessage { get; set; }
}
