using Plan2.Core.Patterns;

namespace Plan2.Core.Tests.Patterns;

public class PatternAllocationTests
{
    [Fact]
    public void OnBar_DetectorAndReliability_AllocateNothingPerBar()
    {
        var bars = UsdCadHistory.Bars;
        var detector = new PatternDetector();
        var reliability = new PatternReliability();
        Span<PatternHit> hits = stackalloc PatternHit[PatternDetector.MaxHitsPerBar];
        var half = bars.Length / 2;
        // First half outside the measurement: JIT tiering may allocate once.
        for (var i = 0; i < half; i++)
        {
            var n = detector.OnBar(bars[i], hits);
            reliability.OnBar(bars[i], hits[..n]);
        }

        var found = 0;
        var confidence = 0.0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = half; i < bars.Length; i++)
        {
            var n = detector.OnBar(bars[i], hits);
            for (var k = 0; k < n; k++)
                confidence += reliability.Signal(hits[k]).Confidence;
            reliability.OnBar(bars[i], hits[..n]);
            found += n;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(found > 1000, $"only {found} hits: the loop did not exercise detection");
        Assert.True(confidence > 0);
    }
}
