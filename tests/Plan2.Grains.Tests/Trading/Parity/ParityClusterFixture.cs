namespace Plan2.Grains.Tests.Trading.Parity;

/// <summary>
/// A simulated clock that the parity test sets to each tick's time before sending the tick, as the
/// backtester's clock is the ticks' own.
/// </summary>
public sealed class ParityClusterFixture : SimulatedClockClusterFixture<ParityClusterFixture>, ISimulatedClockStart
{
    public static DateTimeOffset Start => new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

[CollectionDefinition(Name)]
public sealed class ParityCollection : ICollectionFixture<ParityClusterFixture>
{
    public const string Name = "parity";
}
