using Plan2.Abstractions.Diagnostics;
using Plan2.Core.Diagnostics;

namespace Plan2.Grains.Diagnostics;

/// <summary>
/// This process's exceptions, grouped by fingerprint until the next report to the
/// <see cref="IErrorDnaGrain"/>. Recording never waits and never throws: it is called from grain call
/// filters and loggers. An exception is counted once however many layers see it (the grain call filter,
/// then the caller's log line): the first marks it. At most <see cref="MaxPending"/> fingerprints wait;
/// past that, occurrences of new ones are only counted as dropped.
/// </summary>
public sealed class ErrorDnaCollector(TimeProvider? clock = null)
{
    public const int MaxPending = 200;
    private const string Marker = "plan2.errordna.seen";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public long Dropped { get; private set; }

    /// <summary>Counts one exception; <paramref name="source"/> says where it surfaced ("grain call", "log Plan2.Api…").</summary>
    public void Record(Exception exception, string source, string? grain = null, string? tenant = null)
    {
        if (exception is null or OperationCanceledException || !MarkFirstSight(exception))
            return;
        ErrorSample sample;
        ErrorFingerprint fingerprint;
        try
        {
            sample = ErrorSample.From(exception);
            fingerprint = ErrorFingerprint.Of(sample);
        }
        catch (Exception)
        {
            return; // a fingerprint is a diagnosis aid: failing to take one must not add a failure
        }
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_pending.TryGetValue(fingerprint.Id, out var pending))
            {
                if (_pending.Count >= MaxPending)
                {
                    Dropped++;
                    return;
                }
                _pending[fingerprint.Id] = pending = new Pending(fingerprint, now);
            }
            pending.Add(sample.Message, now, grain, tenant, source);
        }
    }

    /// <summary>Takes what was gathered since the last call.</summary>
    public IReadOnlyList<ErrorReport> Drain()
    {
        Dictionary<string, Pending> taken;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return [];
            taken = _pending;
            _pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        }
        return taken.Values.Select(p => p.ToReport()).ToList();
    }

    /// <summary>Puts back reports that could not be delivered, merged with what came since (bounded as new ones are).</summary>
    public void Return(IReadOnlyList<ErrorReport> reports)
    {
        lock (_gate)
        {
            foreach (var report in reports)
            {
                if (!_pending.TryGetValue(report.FingerprintId, out var pending))
                {
                    if (_pending.Count >= MaxPending)
                    {
                        Dropped += report.Count;
                        continue;
                    }
                    _pending[report.FingerprintId] = pending = new Pending(
                        new ErrorFingerprint(report.FingerprintId, report.ExceptionType, report.Message, report.Frames), report.FirstAt);
                }
                pending.Merge(report);
            }
        }
    }

    private static bool MarkFirstSight(Exception exception)
    {
        try
        {
            if (exception.Data.Contains(Marker))
                return false;
            exception.Data[Marker] = true;
        }
        catch (Exception)
        {
            // Data of some exceptions refuses writes: count it, at the risk of counting it twice.
        }
        return true;
    }

    private sealed class Pending(ErrorFingerprint fingerprint, DateTimeOffset firstAt)
    {
        private readonly HashSet<string> _grains = new(StringComparer.Ordinal);
        private readonly HashSet<string> _tenants = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sources = new(StringComparer.Ordinal);
        private long _count;
        private DateTimeOffset _firstAt = firstAt, _lastAt = firstAt;
        private string _example = "";

        public void Add(string message, DateTimeOffset at, string? grain, string? tenant, string source)
        {
            _count++;
            _lastAt = at;
            _example = message;
            AddName(_grains, grain);
            AddName(_tenants, tenant);
            AddName(_sources, source);
        }

        public void Merge(ErrorReport r)
        {
            _count += r.Count;
            if (r.FirstAt < _firstAt)
                _firstAt = r.FirstAt;
            if (r.LastAt > _lastAt)
                _lastAt = r.LastAt;
            if (_example.Length == 0)
                _example = r.ExampleMessage;
            foreach (var g in r.Grains) AddName(_grains, g);
            foreach (var t in r.Tenants) AddName(_tenants, t);
            foreach (var s in r.Sources) AddName(_sources, s);
        }

        public ErrorReport ToReport() => new(fingerprint.Id, fingerprint.ExceptionType, fingerprint.Message, fingerprint.Frames,
            _example.Length > ErrorGroup.MaxExampleLength ? _example[..ErrorGroup.MaxExampleLength] : _example,
            _count, _firstAt, _lastAt, [.. _grains], [.. _tenants], [.. _sources]);

        private static void AddName(HashSet<string> names, string? name)
        {
            if (!string.IsNullOrEmpty(name) && names.Count < ErrorGroup.MaxNames)
                names.Add(name);
        }
    }
}
