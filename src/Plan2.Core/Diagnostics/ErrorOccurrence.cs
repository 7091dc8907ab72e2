namespace Plan2.Core.Diagnostics;

/// <summary>
/// One or more occurrences of one fingerprint, as a collector gathered them between two reports:
/// how many, an example message as it was (with its values), and where they came from.
/// </summary>
public sealed record ErrorOccurrence(
    ErrorFingerprint Fingerprint,
    string ExampleMessage,
    long Count,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    IReadOnlyCollection<string> Grains,
    IReadOnlyCollection<string> Tenants,
    IReadOnlyCollection<string> Sources);
