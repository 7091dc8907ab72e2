namespace Plan2.MarketData.Bridge;

/// <summary>
/// Broker time, as the EA's MeasureOffset: the trade server's offset from UTC is its clock minus the
/// terminal's UTC clock, rounded to a quarter hour (both clocks tick in seconds and drift a little),
/// measured again before each tick is taken so that a daylight-saving switch is followed at once.
/// </summary>
public sealed partial class BridgeClient
{
    private const long OffsetStepSeconds = 15 * 60;
    private long _brokerOffsetMs;
    private volatile bool _clockDue;

    /// <summary>Trade-server time minus UTC, subtracted from every tick and deal time sent.</summary>
    public TimeSpan BrokerOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _brokerOffsetMs));

    /// <summary>Rounds to the nearest step, halves away from zero, in integers (the EA's arithmetic exactly).</summary>
    public static long RoundOffsetSeconds(long rawSeconds)
    {
        var half = OffsetStepSeconds / 2;
        return rawSeconds >= 0
            ? (rawSeconds + half) / OffsetStepSeconds * OffsetStepSeconds
            : -((-rawSeconds + half) / OffsetStepSeconds * OffsetStepSeconds);
    }

    private void MeasureBrokerOffset()
    {
        if (_options.TradeServerClock is not { } server)
            return;
        var raw = server.GetUtcNow().ToUnixTimeSeconds() - _options.Time.GetUtcNow().ToUnixTimeSeconds();
        var offset = RoundOffsetSeconds(raw) * 1000;
        if (Interlocked.Exchange(ref _brokerOffsetMs, offset) != offset)
            _clockDue = true;
    }

    private ClockMessage ClockNow() => new(Interlocked.Read(ref _brokerOffsetMs), _options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        (_options.TradeServerClock ?? _options.Time).GetUtcNow().ToUnixTimeMilliseconds());
}
