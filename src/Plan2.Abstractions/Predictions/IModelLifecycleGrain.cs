namespace Plan2.Abstractions.Predictions;

/// <summary>
/// The cluster's one owner of the model lifecycle (key <see cref="Key"/>): it retrains on schedule (a
/// reminder, so once per cluster whatever the number of silos), keeps the current challenger's files so that
/// every silo can serve it, and keeps the promotion log. Its state is durable (PostgreSQL in a cluster).
/// </summary>
[Alias("plan2.IModelLifecycleGrain")]
public interface IModelLifecycleGrain : IGrainWithStringKey
{
    public const string Key = "models";

    /// <summary>Retrain every <paramref name="every"/> (at least a minute); zero stops. Idempotent: every silo calls it at start.</summary>
    [Alias("Schedule")] Task ScheduleAsync(TimeSpan every);

    /// <summary>One retraining round now, on this grain's silo; returns the new challenger's version, or null when there was too little history.</summary>
    /// <remarks>Training takes minutes; reads (challenger, files, log) are answered meanwhile.</remarks>
    [Alias("RetrainNow"), ResponseTimeout("00:30:00")] Task<string?> RetrainNowAsync();

    /// <summary>Makes a trained model set the challenger every silo runs in shadow.</summary>
    [Alias("RegisterChallenger")] Task<ChallengerView> RegisterChallengerAsync(ModelFiles models);

    /// <summary>The current challenger; answered even while a retraining runs.</summary>
    [Alias("GetChallenger"), AlwaysInterleave] Task<ChallengerView?> GetChallengerAsync();

    /// <summary>The version of the model set promoted for a scope ("EURUSD/M1"); null while the shipped models serve it.</summary>
    [Alias("GetChampion"), AlwaysInterleave] Task<string?> GetChampionAsync(string scope);

    /// <summary>The files of a model set this grain keeps (the challenger, and every set promoted somewhere), by version; null when it has no such set.</summary>
    [Alias("GetModelFiles"), AlwaysInterleave] Task<ModelFiles?> GetModelFilesAsync(string version);

    /// <summary>Appends a promotion decision to the durable log; a promotion makes the challenger the scope's champion.</summary>
    [Alias("RecordPromotion"), OneWay] Task RecordPromotionAsync(PromotionEntry entry);

    /// <summary>The latest promotion decisions, newest first.</summary>
    [Alias("GetPromotions"), AlwaysInterleave] Task<IReadOnlyList<PromotionEntry>> GetPromotionsAsync(int count);
}

/// <summary>A challenger as registered: its version (the model set's folder name), when, and what it trained on.</summary>
[GenerateSerializer, Immutable, Alias("plan2.challenger")]
public sealed record ChallengerView(
    [property: Id(0)] string Version,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] string TrainingWindow);

/// <summary>A model set's files (manifest.json and its ONNX models) by file name, under a version.</summary>
[GenerateSerializer, Immutable, Alias("plan2.model-files")]
public sealed record ModelFiles(
    [property: Id(0)] string Version,
    [property: Id(1)] IReadOnlyDictionary<string, byte[]> Files);

/// <summary>One promotion decision: when, for which symbol and timeframe, between which versions, the outcome and why.</summary>
[GenerateSerializer, Immutable, Alias("plan2.promotion-entry")]
public sealed record PromotionEntry(
    [property: Id(0)] DateTimeOffset TimeUtc,
    [property: Id(1)] string Scope,
    [property: Id(2)] string ChampionVersion,
    [property: Id(3)] string ChallengerVersion,
    [property: Id(4)] string Outcome,
    [property: Id(5)] string Explanation,
    [property: Id(6)] int Pairs,
    [property: Id(7)] double MeanLossDifference);
