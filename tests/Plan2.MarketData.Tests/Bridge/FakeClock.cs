using Microsoft.Extensions.Time.Testing;

namespace Plan2.MarketData.Tests.Bridge;

public static class FakeClock
{
    /// <summary>
    /// Moves fake time a step at a time until the task completes: the server may arm its timer just
    /// after any one step. Bounded, so a broken timeout fails the test instead of hanging it.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, Task task, TimeSpan step)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(25));
        }
        Assert.True(task.IsCompleted, "fake time ran on, but the awaited task never completed");
    }
}
