namespace Plan2.Grains.Trading.Venues;

/// <summary>The stored form of a paper book: order id → order grain key of each order resting there.</summary>
[GenerateSerializer, Alias("plan2.paper-book-state.v1")]
public sealed class PaperBookState
{
    [Id(0), System.Text.Json.Serialization.JsonPropertyName("orders")] public Dictionary<string, string> Orders { get; set; } = new(StringComparer.Ordinal);
}
