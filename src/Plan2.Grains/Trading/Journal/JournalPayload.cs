using System.Text.Json;
using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Journal;

/// <summary>
/// The JSON body of a journal entry: one flat record, each kind using the fields it needs. Names are
/// fixed by [JsonPropertyName], so renaming a property never orphans stored events.
/// </summary>
public sealed record JournalPayload
{
    [JsonPropertyName("by")] public Actor? By { get; init; }
    [JsonPropertyName("cause")] public string? Cause { get; init; }
    [JsonPropertyName("request")] public PlaceOrder? Request { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("venueOrderId")] public string? VenueOrderId { get; init; }
    [JsonPropertyName("tradeId")] public string? TradeId { get; init; }
    [JsonPropertyName("quantity")] public decimal? Quantity { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("commission")] public decimal? Commission { get; init; }
    /// <summary>Fills: swap the venue booked with the deal (MT5 DEAL_SWAP); absent when none.</summary>
    [JsonPropertyName("swap")] public decimal? Swap { get; init; }
    [JsonPropertyName("limitPrice")] public decimal? LimitPrice { get; init; }
    [JsonPropertyName("triggerPrice")] public decimal? TriggerPrice { get; init; }
    /// <summary>Fills: the quote filled against, whose rate books the P&amp;L (live and on rebuild alike).</summary>
    [JsonPropertyName("bid")] public decimal? Bid { get; init; }
    [JsonPropertyName("ask")] public decimal? Ask { get; init; }
    [JsonPropertyName("quoteTimeMs")] public long? QuoteTimeMs { get; init; }
    [JsonPropertyName("open")] public OpenAccount? Open { get; init; }
    [JsonPropertyName("limits")] public AccountLimits? Limits { get; init; }
    [JsonPropertyName("engaged")] public bool? Engaged { get; init; }
    /// <summary>Placement: the order's route ("mt5:TERMINAL"); absent for the paper broker.</summary>
    [JsonPropertyName("venue")] public string? Venue { get; init; }
    /// <summary>Placement of a DAY order: when its trading day ends (the instrument's hours then), so a rebuild keeps it.</summary>
    [JsonPropertyName("dayEnd")] public DateTimeOffset? DayEnd { get; init; }

    // Source-generated with the options the journal has always been written with (camelCase names, nulls left
    // out): the same text, written straight to the buffer without reflection or a serializer stack per entry.
    public string ToJson() => JsonSerializer.Serialize(this, JournalJson.Default.JournalPayload);

    public static JournalPayload FromJson(string json) =>
        JsonSerializer.Deserialize(json, JournalJson.Default.JournalPayload) ?? throw new InvalidDataException("An empty journal payload.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalPayload))]
internal sealed partial class JournalJson : JsonSerializerContext;
