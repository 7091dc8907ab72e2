using System.Text.Json.Serialization;

namespace Plan2.Grains.Predictions;

/// <summary>
/// A predictor's stored shadow evidence: the challenger it scored and the kept pairs, so that a restart does
/// not throw away hours of evidence. Field names are fixed by [JsonPropertyName] and the Orleans [Id]s.
/// </summary>
[GenerateSerializer, Alias("plan2.predictor-state.v1")]
public sealed class PredictorState
{
    [Id(0), JsonPropertyName("challenger")] public string? Challenger { get; set; }
    [Id(1), JsonPropertyName("championP")] public double[] ChampionProbabilities { get; set; } = [];
    [Id(2), JsonPropertyName("challengerP")] public double[] ChallengerProbabilities { get; set; } = [];
    [Id(3), JsonPropertyName("up")] public bool[] Up { get; set; } = [];
    [Id(4), JsonPropertyName("total")] public long TotalRecorded { get; set; }
}
