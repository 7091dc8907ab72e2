using System.Text.Json.Serialization;
using Plan2.Abstractions.MarketData;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// Source-generated JSON metadata for the hottest answers (quotes), first in the API's resolver chain; every
/// other type still goes to the reflection resolver. Naming, enums and number handling come from the API's options.
/// </summary>
[JsonSerializable(typeof(QuoteView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
}
