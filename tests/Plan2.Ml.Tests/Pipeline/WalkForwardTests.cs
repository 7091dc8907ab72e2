using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Pipeline;

public class WalkForwardTests
{
    [Fact]
    public void Split_NoTrainingLabelReachesItsValidationWindow_AndNothingMoreIsPurged()
    {
        // Minute bars with a weekend gap, the way real history looks.
        var times = new List<long>();
        for (long t = 0; times.Count < 10_000; t += 60_000)
            times.Add(times.Count == 5_000 ? t + 2 * 86_400_000L : t);
        for (var i = 5_001; i < times.Count; i++) times[i] += 2 * 86_400_000L;
        const long span = 5 * 60_000;

        var folds = WalkForward.Split(times, folds: 4, validationShare: 0.4, labelSpanMs: span);

        Assert.Equal(4, folds.Count);
        foreach (var fold in folds)
        {
            Assert.True(times[fold.TrainEnd - 1] + span < times[fold.ValidationStart], "a training label looks into the validation block");
            Assert.True(times[fold.TrainEnd] + span >= times[fold.ValidationStart], "a usable training row was purged");
            Assert.True(fold.ValidationStart < fold.ValidationEnd);
        }
        Assert.Equal(times.Count, folds[^1].ValidationEnd);
        Assert.True(folds.Zip(folds.Skip(1)).All(p => p.First.ValidationEnd == p.Second.ValidationStart));
    }

    [Fact]
    public void Split_TooFewRows_Throws() =>
        Assert.Throws<ArgumentException>(() => WalkForward.Split([1, 2, 3], 4, 0.4, 0));
}
