using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Abstractions.Predictions;
using Plan2.Ml;

namespace Plan2.Grains.Predictions;

/// <summary>
/// A thin shell over the cluster's model lifecycle: a reminder retrains once per period for the whole cluster
/// (reminders live in PostgreSQL in a cluster), the challenger's files and the promotion log are grain state
/// (PostgreSQL in a cluster), so they survive any silo, and every silo fetches the challenger from here.
/// </summary>
public sealed class ModelLifecycleGrain(
    [PersistentState("model-lifecycle", StorageNames.GrainState)] IPersistentState<ModelLifecycleState> state,
    IChallengerTrainer trainer, TimeProvider clock, ILogger<ModelLifecycleGrain> logger) : Grain, IModelLifecycleGrain, IRemindable
{
    private const string Retrain = "retrain";
    private const int KeepPromotions = 1_000;

    async Task IModelLifecycleGrain.ScheduleAsync(TimeSpan every)
    {
        var existing = await this.GetReminder(Retrain);
        if (every <= TimeSpan.Zero)
        {
            if (existing is not null) await this.UnregisterReminder(existing);
        }
        else if (existing is null || every != state.State.RetrainEvery)
        {
            // Only a new period resets the due time: every silo calls this at start, and a restart must not postpone the round.
            ArgumentOutOfRangeException.ThrowIfLessThan(every, TimeSpan.FromMinutes(1));
            await this.RegisterOrUpdateReminder(Retrain, every, every);
        }
        if (state.State.RetrainEvery != every)
        {
            state.State.RetrainEvery = every;
            await state.WriteStateAsync();
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Retrain)
            return;
        try
        {
            await RetrainAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Scheduled retraining failed; the champion keeps serving");
        }
    }

    Task<string?> IModelLifecycleGrain.RetrainNowAsync() => RetrainAsync();

    private async Task<string?> RetrainAsync() =>
        await trainer.TrainAsync(CancellationToken.None) is { } folder ? (await RegisterAsync(ModelFolder.Read(folder))).Version : null;

    Task<ChallengerView> IModelLifecycleGrain.RegisterChallengerAsync(ModelFiles models) => RegisterAsync(models);

    private async Task<ChallengerView> RegisterAsync(ModelFiles models)
    {
        var manifest = ModelFolder.Manifest(models);
        var set = new StoredModelSet
        {
            Version = models.Version, RegisteredAt = clock.GetUtcNow(), Files = models.Files.ToDictionary(f => f.Key, f => f.Value),
            TrainingWindow = Plan2.Ml.Serving.TrainingWindow.Describe(manifest),
        };
        state.State.Challenger = set;
        await state.WriteStateAsync();
        logger.LogInformation("Challenger {Version} registered ({Models})", set.Version, string.Join(", ", manifest.Models.Select(m => m.Name)));
        return View(set);
    }

    Task<ChallengerView?> IModelLifecycleGrain.GetChallengerAsync() =>
        Task.FromResult(state.State.Challenger is { } set ? View(set) : null);

    Task<string?> IModelLifecycleGrain.GetChampionAsync(string scope) =>
        Task.FromResult(state.State.Champions.GetValueOrDefault(scope));

    Task<ModelFiles?> IModelLifecycleGrain.GetModelFilesAsync(string version)
    {
        var set = state.State.Challenger is { } challenger && challenger.Version == version
            ? challenger
            : state.State.ChampionSets.GetValueOrDefault(version);
        return Task.FromResult(set is null ? null : new ModelFiles(set.Version, set.Files));
    }

    async Task IModelLifecycleGrain.RecordPromotionAsync(PromotionEntry entry)
    {
        state.State.Promotions.Add(new StoredPromotion
        {
            Time = entry.TimeUtc, Scope = entry.Scope, Champion = entry.ChampionVersion, Challenger = entry.ChallengerVersion,
            Outcome = entry.Outcome, Explanation = entry.Explanation, Pairs = entry.Pairs, MeanLossDifference = entry.MeanLossDifference,
        });
        if (state.State.Promotions.Count > KeepPromotions)
            state.State.Promotions.RemoveRange(0, state.State.Promotions.Count - KeepPromotions);
        if (entry.Outcome == "Promote" && state.State.Challenger is { } challenger && IsVersionOf(entry.ChallengerVersion, challenger.Version))
        {
            state.State.Champions[entry.Scope] = challenger.Version;
            state.State.ChampionSets[challenger.Version] = challenger;
            foreach (var unused in state.State.ChampionSets.Keys.Except(state.State.Champions.Values).ToList())
                state.State.ChampionSets.Remove(unused);
        }
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<PromotionEntry>> IModelLifecycleGrain.GetPromotionsAsync(int count) =>
        Task.FromResult<IReadOnlyList<PromotionEntry>>(state.State.Promotions.AsEnumerable().Reverse().Take(Math.Max(0, count))
            .Select(p => new PromotionEntry(p.Time, p.Scope, p.Champion, p.Challenger, p.Outcome, p.Explanation, p.Pairs, p.MeanLossDifference))
            .ToList());

    /// <summary>A served model set's version is the set's version, then "@" and when it was trained (<see cref="Plan2.Ml.Serving.ModelRegistry.Version"/>).</summary>
    private static bool IsVersionOf(string served, string version) => served == version || served.StartsWith(version + "@", StringComparison.Ordinal);

    private static ChallengerView View(StoredModelSet set) => new(set.Version, set.RegisteredAt, set.TrainingWindow);
}
