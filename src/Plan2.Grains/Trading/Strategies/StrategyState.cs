using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>The stored form of a strategy grain: its settings and its followers (the target itself is recomputed from bars).</summary>
[GenerateSerializer, Alias("plan2.strategy-state.v1")]
public sealed class StrategyState
{
    [Id(0), JsonPropertyName("config")] public StrategyConfig? Config { get; set; }
    [Id(1), JsonPropertyName("followers")] public List<StrategyFollower> Followers { get; set; } = [];
}
