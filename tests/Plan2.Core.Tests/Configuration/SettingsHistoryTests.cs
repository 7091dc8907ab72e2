using Plan2.Core.Configuration;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;

namespace Plan2.Core.Tests.Configuration;

public class SettingsHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Commit_NumbersVersionsFromOne_AndKeepsEvery()
    {
        var history = new SettingsHistory<TickValidationOptions>();
        history.Commit(TickValidationOptions.Default, "user:ada", T0, "first");
        var second = history.Commit(TickValidationOptions.Default with { SpikeSigmas = 30 }, "user:bob", T0.AddMinutes(1), "  wider  ");

        Assert.Equal(2, second.Version);
        Assert.Equal("wider", second.Note);
        Assert.Equal([1, 2], history.Versions.Select(v => v.Version));
        Assert.Equal(30, history.Current!.Value.SpikeSigmas);
    }

    [Fact]
    public void Check_InvalidValue_GivesEveryReason_AndChangesNothing()
    {
        var history = new SettingsHistory<TickValidationOptions>();
        history.Commit(TickValidationOptions.Default, "user:ada", T0, null);

        var reasons = history.Check(new TickValidationOptions { SpikeSigmas = 1, VolatilityAlpha = 2 }, "", SettingsRules.Feed);

        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.StartsWith("SpikeSigmas", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("VolatilityAlpha", StringComparison.Ordinal));
        Assert.Contains("A change must say who made it.", reasons);
        Assert.Equal(1, history.CurrentVersion);
    }

    [Fact]
    public void History_IsBounded_OldestGoFirst()
    {
        var history = new SettingsHistory<TickValidationOptions>();
        for (var i = 0; i < SettingsHistory<TickValidationOptions>.MaxVersions + 5; i++)
            history.Commit(TickValidationOptions.Default, "user:ada", T0, null);
        Assert.Equal(SettingsHistory<TickValidationOptions>.MaxVersions, history.Versions.Count);
        Assert.Equal(6, history.Versions[0].Version);
        Assert.Equal(SettingsHistory<TickValidationOptions>.MaxVersions + 5, history.CurrentVersion);
    }

    [Fact]
    public void RiskRule_JudgesOverridesOnTheDefaults() =>
        Assert.Contains(SettingsRules.Risk(new RiskLimitOverrides { MaxOrderLots = 50m }), r => r.Contains("MaxPositionLots", StringComparison.Ordinal));
}
