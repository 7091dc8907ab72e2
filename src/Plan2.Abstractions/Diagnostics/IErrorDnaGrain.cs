namespace Plan2.Abstractions.Diagnostics;

/// <summary>
/// The platform's error fingerprints ("ErrorDNA", one well-known grain, key <see cref="Key"/>): every
/// silo and web process reports the exceptions it saw, grouped by fingerprint, every few seconds; the
/// grain keeps counts, first and last seen, the grains and tenants touched, and tells admins of spikes
/// (dashboard and Telegram "platform errors").
/// </summary>
[Alias("plan2.IErrorDnaGrain")]
public interface IErrorDnaGrain : IGrainWithStringKey
{
    public const string Key = "platform";

    /// <summary>Adds a collector's batch; returns the spikes it set off.</summary>
    [Alias("Report")] Task<IReadOnlyList<ErrorSpikeView>> ReportAsync(IReadOnlyList<ErrorReport> reports);

    /// <summary>Every fingerprint known, most recently seen first, with its count in the current spike window.</summary>
    [Alias("GetAll")] Task<ErrorDnaView> GetAllAsync();

    /// <summary>The newest spike told, or null: what the dashboard's spike banner polls (one record, not every fingerprint).</summary>
    [Alias("GetLatestSpike"), ReadOnly] Task<ErrorSpikeView?> GetLatestSpikeAsync();
}

/// <summary>Occurrences of one fingerprint a collector gathered since its last report.</summary>
[GenerateSerializer, Immutable, Alias("plan2.error-report")]
public sealed record ErrorReport(
    [property: Id(0)] string FingerprintId,
    [property: Id(1)] string ExceptionType,
    [property: Id(2)] string Message,
    [property: Id(3)] IReadOnlyList<string> Frames,
    [property: Id(4)] string ExampleMessage,
    [property: Id(5)] long Count,
    [property: Id(6)] DateTimeOffset FirstAt,
    [property: Id(7)] DateTimeOffset LastAt,
    [property: Id(8)] IReadOnlyList<string> Grains,
    [property: Id(9)] IReadOnlyList<string> Tenants,
    [property: Id(10)] IReadOnlyList<string> Sources);

/// <summary>One fingerprint as the dashboard lists it.</summary>
[GenerateSerializer, Immutable, Alias("plan2.error-group")]
public sealed record ErrorGroupView(
    [property: Id(0)] string FingerprintId,
    [property: Id(1)] string ExceptionType,
    [property: Id(2)] string Message,
    [property: Id(3)] IReadOnlyList<string> Frames,
    [property: Id(4)] string ExampleMessage,
    [property: Id(5)] long Count,
    [property: Id(6)] DateTimeOffset FirstSeen,
    [property: Id(7)] DateTimeOffset LastSeen,
    [property: Id(8)] IReadOnlyList<string> Grains,
    [property: Id(9)] IReadOnlyList<string> Tenants,
    [property: Id(10)] IReadOnlyList<string> Sources,
    [property: Id(11)] long InWindow,
    [property: Id(12)] double Baseline,
    [property: Id(13)] DateTimeOffset? LastSpikeAt);

/// <summary>A spike as told to admins: Text is the message sent.</summary>
[GenerateSerializer, Immutable, Alias("plan2.error-spike")]
public sealed record ErrorSpikeView(
    [property: Id(0)] string FingerprintId,
    [property: Id(1)] long InWindow,
    [property: Id(2)] double Baseline,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Text);

/// <summary>All fingerprints and the latest spikes (newest first); WindowMinutes is the spike window the counts refer to.</summary>
[GenerateSerializer, Immutable, Alias("plan2.error-dna")]
public sealed record ErrorDnaView(
    [property: Id(0)] IReadOnlyList<ErrorGroupView> Groups,
    [property: Id(1)] IReadOnlyList<ErrorSpikeView> RecentSpikes,
    [property: Id(2)] int WindowMinutes);
