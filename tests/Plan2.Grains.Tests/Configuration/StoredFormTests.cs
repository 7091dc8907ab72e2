using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Configuration;
using Plan2.Grains.Diagnostics;
using Plan2.Hosting;

namespace Plan2.Grains.Tests.Configuration;

/// <summary>The new grain states read back from the JSON a cluster stores in PostgreSQL, every field intact.</summary>
public class StoredFormTests
{
    private static readonly JsonGrainStorageSerializer Json = new();
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ConfigState_RoundTrips_EveryKindOfValue()
    {
        var state = new ConfigState
        {
            Versions =
            [
                new() { Version = 1, Value = new ConfigValue(Risk: new AccountLimits(MaxOrderLots: 2.5m, MaxQuoteAge: TimeSpan.FromSeconds(3))), ChangedBy = "user:ada", ChangedAt = T0, Note = "tighter" },
                new() { Version = 2, Value = new ConfigValue(Strategy: new StrategyConfig(Lots: 0.1m, LongAbove: 0.6, Timeframe: "M5")), ChangedBy = "user:bob", ChangedAt = T0.AddMinutes(1) },
                new() { Version = 3, Value = new ConfigValue(Feed: new FeedSettings(SpikeSigmas: 30, FutureTolerance: TimeSpan.FromSeconds(2))), ChangedBy = "user:ada", ChangedAt = T0.AddMinutes(2) },
            ],
        };

        var back = Json.Deserialize<ConfigState>(Json.Serialize(state))!;

        Assert.Equal(state.Versions.Select(v => (v.Version, v.Value, v.ChangedBy, v.ChangedAt, v.Note)),
            back.Versions.Select(v => (v.Version, v.Value, v.ChangedBy, v.ChangedAt, v.Note)));
    }

    [Fact]
    public void ErrorDnaState_RoundTrips_CountsPerMinuteAndNames()
    {
        var group = new ErrorGroupRecord
        {
            Id = "0123456789abcdef", ExceptionType = "System.InvalidOperationException", Message = "Account '<v>' is not open.", Frames = ["Plan2.A.B"],
            Example = "Account 'a/b' is not open.", Count = 12, FirstSeen = T0, LastSeen = T0.AddMinutes(3), Grains = ["account/a/b"], Tenants = ["a"],
            Sources = ["grain call"], PerMinute = new() { [29_412_000L] = 9, [29_412_003L] = 3 }, LastAlertAt = T0.AddMinutes(3),
        };
        var state = new ErrorDnaState { Groups = [group], Spikes = [new() { FingerprintId = group.Id, InWindow = 12, Baseline = 0.5, At = T0, Text = "spike" }] };

        var back = Json.Deserialize<ErrorDnaState>(Json.Serialize(state))!;

        var g = Assert.Single(back.Groups);
        Assert.Equal((group.Id, group.Count, group.FirstSeen, group.LastSeen, group.LastAlertAt, group.Example), (g.Id, g.Count, g.FirstSeen, g.LastSeen, g.LastAlertAt, g.Example));
        Assert.Equal(group.PerMinute, g.PerMinute);
        Assert.Equal([.. group.Frames, .. group.Grains, .. group.Tenants, .. group.Sources], [.. g.Frames, .. g.Grains, .. g.Tenants, .. g.Sources]);
        Assert.Equal(("spike", 0.5), (back.Spikes[0].Text, back.Spikes[0].Baseline));
    }
}
