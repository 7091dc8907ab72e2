using System.Text.Json.Serialization;

namespace Plan2.Grains.Predictions;

/// <summary>
/// The stored form of the model lifecycle: the challenger with its files, the schedule and the promotion log.
/// Field names are fixed by [JsonPropertyName] and the Orleans [Id]s, never by the CLR type name.
/// </summary>
[GenerateSerializer, Alias("plan2.model-lifecycle-state.v1")]
public sealed class ModelLifecycleState
{
    [Id(0), JsonPropertyName("challenger")] public StoredModelSet? Challenger { get; set; }
    [Id(1), JsonPropertyName("retrainEvery")] public TimeSpan RetrainEvery { get; set; }
    [Id(2), JsonPropertyName("promotions")] public List<StoredPromotion> Promotions { get; set; } = [];

    /// <summary>The promoted model set's version per scope ("EURUSD/M1"); scopes absent serve the shipped models.</summary>
    [Id(3), JsonPropertyName("champions")] public Dictionary<string, string> Champions { get; set; } = [];

    /// <summary>The files of every model set some scope's champion is, by version.</summary>
    [Id(4), JsonPropertyName("championSets")] public Dictionary<string, StoredModelSet> ChampionSets { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.stored-model-set.v1")]
public sealed class StoredModelSet
{
    [Id(0), JsonPropertyName("version")] public string Version { get; set; } = "";
    [Id(1), JsonPropertyName("registeredAt")] public DateTimeOffset RegisteredAt { get; set; }
    [Id(2), JsonPropertyName("trainingWindow")] public string TrainingWindow { get; set; } = "";
    [Id(3), JsonPropertyName("files")] public Dictionary<string, byte[]> Files { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.stored-promotion.v1")]
public sealed class StoredPromotion
{
    [Id(0), JsonPropertyName("time")] public DateTimeOffset Time { get; set; }
    [Id(1), JsonPropertyName("scope")] public string Scope { get; set; } = "";
    [Id(2), JsonPropertyName("champion")] public string Champion { get; set; } = "";
    [Id(3), JsonPropertyName("challenger")] public string Challenger { get; set; } = "";
    [Id(4), JsonPropertyName("outcome")] public string Outcome { get; set; } = "";
    [Id(5), JsonPropertyName("explanation")] public string Explanation { get; set; } = "";
    [Id(6), JsonPropertyName("pairs")] public int Pairs { get; set; }
    [Id(7), JsonPropertyName("meanLossDifference")] public double MeanLossDifference { get; set; }
}
