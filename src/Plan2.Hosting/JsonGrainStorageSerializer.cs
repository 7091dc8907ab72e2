using System.Text.Json;
using Orleans.Storage;

namespace Plan2.Hosting;

/// <summary>
/// Stores grain state as plain JSON with no type names in it, so a stored row depends only on the
/// state's property names ([JsonPropertyName]) and not on what the CLR type is called or where it lives.
/// (The ADO.NET provider's default JSON writes "$type" with the assembly-qualified name.)
/// </summary>
public sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);
}
