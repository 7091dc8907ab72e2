namespace Plan2.Grains.Tests.Trading.Clock;

/// <summary>A simulated clock from a Tuesday in 2030, for behaviour that happens at a time rather than on a tick.</summary>
public sealed class ClockClusterFixture : SimulatedClockClusterFixture<ClockClusterFixture>, ISimulatedClockStart
{
    public static DateTimeOffset Start => new(2030, 1, 8, 9, 0, 0, TimeSpan.Zero);
}

[CollectionDefinition(Name)]
public sealed class ClockCollection : ICollectionFixture<ClockClusterFixture>
{
    public const string Name = "clock";
}
