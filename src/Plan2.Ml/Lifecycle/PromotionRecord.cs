namespace Plan2.Ml.Lifecycle;

/// <summary>One promotion decision as logged: when, for which instrument and timeframe, between which versions, and why.</summary>
/// <param name="Scope">What the champion serves, e.g. "EURUSD/M1".</param>
public sealed record PromotionRecord(
    DateTimeOffset TimeUtc,
    string Scope,
    string ChampionVersion,
    string ChallengerVersion,
    PromotionDecision Decision)
{
    public static PromotionRecord Create(TimeProvider clock, string scope, string championVersion, string challengerVersion, PromotionDecision decision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(championVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(challengerVersion);
        ArgumentNullException.ThrowIfNull(decision);
        return new PromotionRecord(clock.GetUtcNow(), scope, championVersion, challengerVersion, decision);
    }
}
