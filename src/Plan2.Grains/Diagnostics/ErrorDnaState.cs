using System.Text.Json.Serialization;

namespace Plan2.Grains.Diagnostics;

/// <summary>The stored fingerprints: field names fixed by [JsonPropertyName] and [Id], never by CLR names.</summary>
[GenerateSerializer, Alias("plan2.error-dna-state.v1")]
public sealed class ErrorDnaState
{
    [Id(0), JsonPropertyName("groups")] public List<ErrorGroupRecord> Groups { get; set; } = [];
    [Id(1), JsonPropertyName("spikes")] public List<ErrorSpikeRecord> Spikes { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.error-group-record.v1")]
public sealed class ErrorGroupRecord
{
    [Id(0), JsonPropertyName("id")] public string Id { get; set; } = "";
    [Id(1), JsonPropertyName("type")] public string ExceptionType { get; set; } = "";
    [Id(2), JsonPropertyName("message")] public string Message { get; set; } = "";
    [Id(3), JsonPropertyName("frames")] public List<string> Frames { get; set; } = [];
    [Id(4), JsonPropertyName("example")] public string Example { get; set; } = "";
    [Id(5), JsonPropertyName("count")] public long Count { get; set; }
    [Id(6), JsonPropertyName("firstSeen")] public DateTimeOffset FirstSeen { get; set; }
    [Id(7), JsonPropertyName("lastSeen")] public DateTimeOffset LastSeen { get; set; }
    [Id(8), JsonPropertyName("grains")] public List<string> Grains { get; set; } = [];
    [Id(9), JsonPropertyName("tenants")] public List<string> Tenants { get; set; } = [];
    [Id(10), JsonPropertyName("sources")] public List<string> Sources { get; set; } = [];
    [Id(11), JsonPropertyName("perMinute")] public Dictionary<long, long> PerMinute { get; set; } = [];
    [Id(12), JsonPropertyName("lastAlertAt")] public DateTimeOffset? LastAlertAt { get; set; }
}

[GenerateSerializer, Alias("plan2.error-spike-record.v1")]
public sealed class ErrorSpikeRecord
{
    [Id(0), JsonPropertyName("id")] public string FingerprintId { get; set; } = "";
    [Id(1), JsonPropertyName("inWindow")] public long InWindow { get; set; }
    [Id(2), JsonPropertyName("baseline")] public double Baseline { get; set; }
    [Id(3), JsonPropertyName("at")] public DateTimeOffset At { get; set; }
    [Id(4), JsonPropertyName("text")] public string Text { get; set; } = "";
}
