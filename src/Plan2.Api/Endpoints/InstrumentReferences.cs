using System.Collections.Concurrent;
using Plan2.Abstractions.MarketData;

namespace Plan2.Api.Endpoints;

/// <summary>
/// Instrument grain references by symbol, made once: Orleans resolves a grain's interface type by reflection on
/// every GetGrain, which cost a quote read more than the grain call itself. Keys ignore case (a symbol is ASCII
/// letters, digits, '.' and '_', validated first), so "eurusd" finds the EURUSD reference without a new string.
/// </summary>
public sealed class InstrumentReferences(IGrainFactory grains)
{
    private const int Capacity = 4_096; // real instruments are a few hundred; a flood of made-up symbols only clears the cache
    private readonly ConcurrentDictionary<string, IInstrumentGrain> _references = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The grain of <paramref name="symbol"/> (upper-cased as its key), for a symbol that passed validation.</summary>
    public IInstrumentGrain Get(string symbol)
    {
        if (_references.TryGetValue(symbol, out var grain))
            return grain;
        if (_references.Count >= Capacity)
            _references.Clear();
        var key = symbol.ToUpperInvariant();
        return _references.GetOrAdd(key, grains.GetGrain<IInstrumentGrain>(key));
    }
}
