using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// A number that is not one (an indicator still warming up is NaN) goes out as JSON null, not as the string "NaN"
/// that JSON parsers hand a client as text; null read back is NaN. Plain numbers read as before.
/// </summary>
internal sealed class NotANumberAsNull : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.String => reader.GetString() switch // what earlier answers carried
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new JsonException($"'{other}' is not a number."),
        },
        _ => throw new JsonException($"Expected a number, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteNullValue();
    }
}
