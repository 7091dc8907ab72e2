using System.Text.Json;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Tests;

public class NotANumberAsNullTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new NotANumberAsNull() } };

    private sealed record Reading(double Value);

    [Fact]
    public void NotANumber_GoesOutAsNull_AndComesBackAsNaN()
    {
        Assert.Equal("""{"Value":null}""", JsonSerializer.Serialize(new Reading(double.NaN), Options));
        Assert.Equal("""{"Value":1.25}""", JsonSerializer.Serialize(new Reading(1.25), Options));
        Assert.True(double.IsNaN(JsonSerializer.Deserialize<Reading>("""{"Value":null}""", Options)!.Value));
        Assert.True(double.IsNaN(JsonSerializer.Deserialize<Reading>("""{"Value":"NaN"}""", Options)!.Value)); // as earlier answers wrote it
        Assert.Equal(1.25, JsonSerializer.Deserialize<Reading>("""{"Value":1.25}""", Options)!.Value);
    }

    [Theory]
    [InlineData("""{"Value":"1.25"}""")]
    [InlineData("""{"Value":"lots"}""")]
    [InlineData("""{"Value":true}""")]
    public void AnythingElse_IsAJsonError(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Reading>(json, Options));
}
