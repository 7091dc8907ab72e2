using System.Net;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// Slows token guessing: every HELLO from an address that recently presented a wrong token waits
/// before its token is even checked (so a guesser learns nothing sooner by opening more connections),
/// doubling per failure up to a ceiling. Forgotten after a quiet spell.
/// </summary>
internal sealed class AuthPenalty(TimeSpan firstDelay, TimeSpan maxDelay, TimeSpan memory, TimeProvider time)
{
    private readonly Dictionary<IPAddress, (int Failures, long LastAt)> _failures = [];

    public TimeSpan DelayFor(IPAddress address)
    {
        lock (_failures)
        {
            if (!_failures.TryGetValue(address, out var f) || time.GetElapsedTime(f.LastAt) > memory)
                return TimeSpan.Zero;
            var delay = firstDelay * Math.Pow(2, Math.Min(f.Failures - 1, 20));
            return delay < maxDelay ? delay : maxDelay;
        }
    }

    public void Failed(IPAddress address)
    {
        lock (_failures)
        {
            var failures = _failures.TryGetValue(address, out var f) && time.GetElapsedTime(f.LastAt) <= memory ? f.Failures : 0;
            _failures[address] = (failures + 1, time.GetTimestamp());
        }
    }

    /// <summary>Drops addresses quiet for longer than the memory, so the table stays small.</summary>
    public void Forget()
    {
        lock (_failures)
            foreach (var (address, f) in _failures)
                if (time.GetElapsedTime(f.LastAt) > memory)
                    _failures.Remove(address);
    }
}
