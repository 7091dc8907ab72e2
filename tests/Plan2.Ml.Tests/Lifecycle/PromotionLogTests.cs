using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Tests.Lifecycle;

public sealed class PromotionLogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "plan2-promotions-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private PromotionLog NewLog() => new(Path.Combine(_root, "nested", "EURUSD", "promotions.jsonl"));

    private static PromotionRecord Sample(string challenger, long ticks, int pairs)
    {
        var board = new ShadowScoreboard();
        for (var i = 0; i < pairs; i++)
            board.Record(0.5, 0.5 + 0.1 * (i % 3), up: i % 2 == 0);
        return PromotionRecord.Create(new FixedClock(new DateTimeOffset(ticks, TimeSpan.Zero)), "EURUSD/M1", "v1", challenger,
            PromotionPolicy.Default.Decide(board));
    }

    [Fact]
    public void Append_ThenReadAll_RoundTripsRecords_CreatingFolders()
    {
        var log = NewLog();
        var promoted = Sample("v2", 639_000_000_000_123_456, pairs: 1500);
        var empty = Sample("v3", 639_000_000_600_000_001, pairs: 0); // NaN metrics must survive too

        log.Append(promoted);
        log.Append(empty);

        Assert.Equal([promoted, empty], log.ReadAll());
        Assert.Contains("\"outcome\":\"keep\"", File.ReadAllText(log.Path)); // readable by people auditing it
    }

    [Fact]
    public async Task ConcurrentAppends_AllArriveIntact()
    {
        var log = NewLog();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
                log.Append(Sample($"v{t}.{i}", 639_000_000_000_000_000 + i, pairs: 10));
        })));

        var versions = log.ReadAll().Select(r => r.ChallengerVersion).ToHashSet();
        Assert.Equal(200, versions.Count);
    }

    [Fact]
    public void ReadAll_BeforeAnyAppend_IsEmpty() => Assert.Empty(NewLog().ReadAll());

    [Fact]
    public void ReadAll_CorruptLine_NamesTheLine()
    {
        var log = NewLog();
        log.Append(Sample("v2", 639_000_000_000_000_000, pairs: 10));
        File.AppendAllText(log.Path, "{\"time_utc\":\n");

        var error = Assert.Throws<InvalidDataException>(log.ReadAll);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Append_NonUtcTime_IsRejected()
    {
        var record = Sample("v2", 639_000_000_000_000_000, pairs: 10);
        var local = record with { TimeUtc = new DateTimeOffset(record.TimeUtc.Ticks, TimeSpan.FromHours(2)) };

        Assert.Throws<ArgumentException>(() => NewLog().Append(local));
    }

    [Fact]
    public void Create_BlankScopeOrVersion_IsRejected()
    {
        var decision = PromotionPolicy.Default.Decide(new ShadowScoreboard());
        Assert.Throws<ArgumentException>(() => PromotionRecord.Create(TimeProvider.System, " ", "v1", "v2", decision));
        Assert.Throws<ArgumentException>(() => PromotionRecord.Create(TimeProvider.System, "EURUSD/M1", "", "v2", decision));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
