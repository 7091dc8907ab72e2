using System.Text.Json.Serialization;
using Plan2.Abstractions.Configuration;

namespace Plan2.Grains.Configuration;

/// <summary>The stored versions of one setting: field names fixed by [JsonPropertyName] and [Id], never by CLR names.</summary>
[GenerateSerializer, Alias("plan2.config-state.v1")]
public sealed class ConfigState
{
    [Id(0), JsonPropertyName("versions")] public List<ConfigVersionRecord> Versions { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.config-version-record.v1")]
public sealed class ConfigVersionRecord
{
    [Id(0), JsonPropertyName("version")] public int Version { get; set; }
    [Id(1), JsonPropertyName("value")] public ConfigValue Value { get; set; } = new();
    [Id(2), JsonPropertyName("by")] public string ChangedBy { get; set; } = "";
    [Id(3), JsonPropertyName("at")] public DateTimeOffset ChangedAt { get; set; }
    [Id(4), JsonPropertyName("note")] public string? Note { get; set; }
}
