using Plan2.Abstractions.Diagnostics;
using Plan2.Core.Diagnostics;

namespace Plan2.Grains.Diagnostics;

internal static class ErrorDnaMapping
{
    public static ErrorOccurrence ToOccurrence(this ErrorReport r) => new(
        new ErrorFingerprint(r.FingerprintId, r.ExceptionType, r.Message, r.Frames), r.ExampleMessage, r.Count, r.FirstAt, r.LastAt, r.Grains, r.Tenants, r.Sources);

    public static ErrorGroupRecord ToRecord(this ErrorGroup g) => new()
    {
        Id = g.Fingerprint.Id, ExceptionType = g.Fingerprint.ExceptionType, Message = g.Fingerprint.Message, Frames = [.. g.Fingerprint.Frames],
        Example = g.ExampleMessage, Count = g.Count, FirstSeen = g.FirstSeen, LastSeen = g.LastSeen,
        Grains = [.. g.Grains], Tenants = [.. g.Tenants], Sources = [.. g.Sources], PerMinute = g.PerMinute.ToDictionary(), LastAlertAt = g.LastAlertAt,
    };

    public static ErrorGroup ToGroup(this ErrorGroupRecord r) => ErrorGroup.Restore(
        new ErrorFingerprint(r.Id, r.ExceptionType, r.Message, r.Frames), r.Count, r.FirstSeen, r.LastSeen, r.Example,
        r.Grains, r.Tenants, r.Sources, r.PerMinute, r.LastAlertAt);

    public static ErrorGroupView ToView(this ErrorGroup g, DateTimeOffset now, SpikeRule rule) => new(
        g.Fingerprint.Id, g.Fingerprint.ExceptionType, g.Fingerprint.Message, g.Fingerprint.Frames, g.ExampleMessage, g.Count,
        g.FirstSeen, g.LastSeen, [.. g.Grains], [.. g.Tenants], [.. g.Sources], g.InWindow(now, rule), g.Baseline(now, rule), g.LastAlertAt);

    public static ErrorSpikeView ToView(this ErrorSpikeRecord r) => new(r.FingerprintId, r.InWindow, r.Baseline, r.At, r.Text);
}
