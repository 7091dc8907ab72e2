using Plan2.Core.Diagnostics;

namespace Plan2.Core.Tests.Diagnostics;

public class ErrorBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly ErrorFingerprint Bug = ErrorFingerprint.Of(new ErrorSample("System.InvalidOperationException", "Account 'a/b' is not open.", "   at Plan2.X.Y()"));

    private static ErrorOccurrence Seen(long count, DateTimeOffset at, string grain = "AccountGrain/acme/main", string tenant = "acme") =>
        new(Bug, "Account 'a/b' is not open.", count, at, at, [grain], [tenant], ["grain call"]);

    [Fact]
    public void Record_CountsFirstAndLastSeen_GrainsAndTenants()
    {
        var book = new ErrorBook(SpikeRule.Default);
        book.Record([Seen(2, T0, "AccountGrain/acme/main", "acme")], T0);
        book.Record([Seen(3, T0.AddMinutes(7), "AccountGrain/zeta/x", "zeta")], T0.AddMinutes(7));

        var group = Assert.Single(book.Groups);
        Assert.Equal(5, group.Count);
        Assert.Equal(T0, group.FirstSeen);
        Assert.Equal(T0.AddMinutes(7), group.LastSeen);
        Assert.Equal(["AccountGrain/acme/main", "AccountGrain/zeta/x"], group.Grains);
        Assert.Equal(["acme", "zeta"], group.Tenants);
    }

    [Fact]
    public void NewFingerprint_RepeatingPastTheMinimum_Spikes_Once()
    {
        var book = new ErrorBook(SpikeRule.Default);
        Assert.Empty(book.Record([Seen(9, T0)], T0));

        var spike = Assert.Single(book.Record([Seen(1, T0.AddMinutes(1))], T0.AddMinutes(1)));
        Assert.Equal(10, spike.InWindow);
        Assert.Equal(0, spike.Baseline);
        Assert.Empty(book.Record([Seen(50, T0.AddMinutes(2))], T0.AddMinutes(2))); // within the cooldown
    }

    [Fact]
    public void SteadyRate_IsItsOwnBaseline_AndDoesNotSpike_UntilItTriples()
    {
        var rule = SpikeRule.Default with { Cooldown = TimeSpan.Zero };
        var book = new ErrorBook(rule);
        // An hour and more of 4 a minute (20 per 5-minute window): a steady problem, told once when it was new.
        for (var m = 0; m < 70; m++)
            book.Record([Seen(4, T0.AddMinutes(m))], T0.AddMinutes(m));
        var steady = T0.AddMinutes(70);
        Assert.Empty(book.Record([Seen(4, steady)], steady));
        Assert.Equal(20, book.Find(Bug.Id)!.Baseline(steady, rule), 6);

        // Then 60 in one minute: 76 in the window against a baseline of 20.
        var burst = T0.AddMinutes(71);
        var spike = Assert.Single(book.Record([Seen(60, burst)], burst));
        Assert.Equal(76, spike.InWindow);
        Assert.Equal(20, spike.Baseline, 6);
    }

    [Fact]
    public void Spike_IsToldAgain_AfterItsCooldown()
    {
        var book = new ErrorBook(SpikeRule.Default with { Cooldown = TimeSpan.FromMinutes(10), BaselineSpan = TimeSpan.FromMinutes(5) });
        Assert.Single(book.Record([Seen(10, T0)], T0));
        Assert.Empty(book.Record([Seen(30, T0.AddMinutes(9))], T0.AddMinutes(9)));
        Assert.Single(book.Record([Seen(100, T0.AddMinutes(11))], T0.AddMinutes(11)));
    }

    [Fact]
    public void Names_AreCapped()
    {
        var book = new ErrorBook(SpikeRule.Default);
        for (var i = 0; i < 50; i++)
            book.Record([Seen(1, T0, $"g{i}", $"t{i}")], T0);
        Assert.Equal(ErrorGroup.MaxNames, book.Find(Bug.Id)!.Grains.Count);
        Assert.Equal(ErrorGroup.MaxNames, book.Find(Bug.Id)!.Tenants.Count);
    }

    [Fact]
    public void InvalidRule_IsRefusedWithEveryReason()
    {
        var e = Assert.Throws<ArgumentException>(() => new ErrorBook(new SpikeRule { MinOccurrences = 0, Factor = 0.5 }));
        Assert.Contains("MinOccurrences", e.Message, StringComparison.Ordinal);
        Assert.Contains("Factor", e.Message, StringComparison.Ordinal);
    }
}
