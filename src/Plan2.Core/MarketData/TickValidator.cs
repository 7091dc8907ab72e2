namespace Plan2.Core.MarketData;

/// <summary>
/// Validates one symbol's ticks in arrival order and counts rejections per reason. A rejected tick
/// changes nothing but its counter, so a bad tick never stops or bends the feed.
/// Spikes: the mid's log return is compared with an EWMA of recent squared returns; a move beyond
/// both <see cref="TickValidationOptions.SpikeSigmas"/> deviations and the minimum relative move is
/// refused, unless several consecutive refused ticks agree on a new level (a genuine jump), or the
/// feed was silent longer than <see cref="TickValidationOptions.GapReset"/>.
/// </summary>
public sealed class TickValidator(TickValidationOptions options, TimeProvider clock)
{
    private readonly long[] _rejected = new long[TickRejectReasonNames.Count];
    private TickValidationOptions _options = options;
    private long _futureToleranceMs = (long)options.FutureTolerance.TotalMilliseconds;
    private long _gapResetMs = (long)options.GapReset.TotalMilliseconds;
    private long _lastTimeMs = long.MinValue;
    private long _clockMs = long.MinValue / 2;
    private double _lastMid;
    private double _variance;
    private long _acceptedForVolatility;
    private int _pendingShifts;
    private double _pendingMid;

    public TickValidator() : this(TickValidationOptions.Default, TimeProvider.System) { }

    /// <summary>Replaced at run time (feed settings changed); applies from the next tick, keeping the volatility learned so far.</summary>
    public TickValidationOptions Options
    {
        get => _options;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Validate() is { Count: > 0 } errors)
                throw new ArgumentException("Tick validation settings are invalid: " + string.Join(" ", errors), nameof(value));
            _options = value;
            _futureToleranceMs = (long)value.FutureTolerance.TotalMilliseconds;
            _gapResetMs = (long)value.GapReset.TotalMilliseconds;
        }
    }

    public long Accepted { get; private set; }
    public long RejectedTotal { get; private set; }
    public long Rejected(TickRejectReason reason) => _rejected[(int)reason];

    /// <summary>Counts of every reason seen at least once, by snake_case name.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason()
    {
        var counts = new Dictionary<string, long>();
        for (var i = 1; i < _rejected.Length; i++)
            if (_rejected[i] > 0)
                counts[((TickRejectReason)i).ToSnakeCase()] = _rejected[i];
        return counts;
    }

    /// <summary>Validates a tick from a floating-point source (the bridge, JSON): NaN and infinities are caught here.</summary>
    public TickRejectReason Validate(long timeMs, double bid, double ask, out Tick tick)
    {
        tick = default;
        if (double.IsNaN(bid) || double.IsNaN(ask))
            return Reject(TickRejectReason.NotANumber);
        if (double.IsInfinity(bid) || double.IsInfinity(ask))
            return Reject(TickRejectReason.Infinite);
        if (Price.FromDouble(bid) is not { } b || Price.FromDouble(ask) is not { } a)
            return Reject(TickRejectReason.Infinite);
        tick = new Tick(timeMs, b, a);
        return Validate(tick);
    }

    /// <summary>Validates an exact tick; on success it becomes the reference for the next one.</summary>
    /// <summary>
    /// Rejects later ticks older than <paramref name="timeMs"/> as out of order, without counting anything accepted:
    /// an engine primed from stored history must not let a late tick reopen a bar it already closed.
    /// </summary>
    public void ResumeAfter(long timeMs) => _lastTimeMs = Math.Max(_lastTimeMs, timeMs);

    public TickRejectReason Validate(in Tick tick)
    {
        if (!tick.Bid.IsPositive || !tick.Ask.IsPositive)
            return Reject(TickRejectReason.NonPositivePrice);
        if (tick.Bid > tick.Ask)
            return Reject(TickRejectReason.BidAboveAsk);
        if (tick.TimeMs < _lastTimeMs)
            return Reject(TickRejectReason.OutOfOrder);
        if (tick.TimeMs > _clockMs + _futureToleranceMs)
        {
            // The clock is read only when a tick looks ahead of the last reading: the reading never runs ahead of
            // real time, so a tick within it is not in the future (a read per tick was ~4% of ingest's CPU).
            _clockMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (tick.TimeMs > _clockMs + _futureToleranceMs)
                return Reject(TickRejectReason.InFuture);
        }

        var mid = (tick.Bid.ToDouble() + tick.Ask.ToDouble()) * 0.5;
        if (_acceptedForVolatility > 0 && tick.TimeMs - _lastTimeMs > _gapResetMs)
            ResetVolatility();
        if (_acceptedForVolatility > 0)
        {
            var r = Math.Log(mid / _lastMid);
            if (IsSpike(r))
            {
                if (!ConfirmsLevelShift(mid))
                    return Reject(TickRejectReason.Spike);
            }
            else
            {
                _variance = _acceptedForVolatility == 1 ? r * r : _variance + _options.VolatilityAlpha * (r * r - _variance);
            }
        }
        _pendingShifts = 0;
        _acceptedForVolatility++;
        _lastMid = mid;
        _lastTimeMs = tick.TimeMs;
        Accepted++;
        return TickRejectReason.None;
    }

    private bool IsSpike(double r)
    {
        if (_acceptedForVolatility < _options.SpikeWarmUpTicks)
            return false;
        var move = Math.Abs(r);
        return move > _options.SpikeMinRelativeMove && move * move > _options.SpikeSigmas * _options.SpikeSigmas * _variance;
    }

    /// <summary>True when this refused tick is the Nth in a row near the same new level.</summary>
    private bool ConfirmsLevelShift(double mid)
    {
        var agrees = _pendingShifts > 0 && Math.Abs(Math.Log(mid / _pendingMid)) <= _options.SpikeMinRelativeMove;
        _pendingShifts = agrees ? _pendingShifts + 1 : 1;
        _pendingMid = mid;
        if (_pendingShifts < _options.LevelShiftConfirmTicks)
            return false;
        ResetVolatility();
        return true;
    }

    private void ResetVolatility()
    {
        _acceptedForVolatility = 0;
        _variance = 0;
        _pendingShifts = 0;
    }

    private TickRejectReason Reject(TickRejectReason reason)
    {
        _rejected[(int)reason]++;
        RejectedTotal++;
        return reason;
    }
}
