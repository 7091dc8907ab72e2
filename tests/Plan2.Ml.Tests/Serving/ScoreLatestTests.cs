using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The live path's one-window scoring through bound buffers, against the batch path, on the shipped models.</summary>
public sealed class ScoreLatestTests : ShippedModelTests
{
    [Fact]
    public void EveryMember_ScoresItsLatestWindow_AsTheBatchDoes_BitForBit()
    {
        const int count = 600; // tree models: two whole row chunks and a part of one
        var f = FeatureSchema.Count;
        var rows = RandomRows(count, 3, 2, 53);
        foreach (var member in Registry.Members)
        {
            var steps = Math.Max(1, member.Entry.WindowSteps);
            var batch = member.Score(rows, count, f);
            for (var end = steps - 1; end < count; end++)
                Assert.Equal(batch[end], member.ScoreLatest(rows.AsSpan((end - steps + 1) * f, steps * f)));
        }
    }

    [Fact]
    public void ScoringTheLatestWindow_AllocatesAlmostNothing()
    {
        var f = FeatureSchema.Count;
        var rows = RandomRows(64, 5, 2, 53);
        foreach (var member in Registry.Members)
        {
            var window = rows.AsSpan(0, Math.Max(1, member.Entry.WindowSteps) * f);
            member.ScoreLatest(window); // first call: lazy runtime state
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
                member.ScoreLatest(window);
            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
            Assert.True(perCall < 256, $"{member.Entry.Name}: {perCall} bytes a call (the unbound path allocates kilobytes: tensors, results, the window copy)");
        }
    }

    [Fact]
    public void AWindowOfTheWrongSize_IsRefused()
    {
        var member = Registry.Members.First(m => m.Entry.WindowSteps > 1);
        var e = Assert.Throws<ArgumentException>(() => member.ScoreLatest(new float[FeatureSchema.Count]));
        Assert.Contains(member.Entry.Name, e.Message);
    }
}
