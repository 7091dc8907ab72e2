using System.Diagnostics.CodeAnalysis;

namespace Plan2.Core.Trading.Instruments;

/// <summary>The instruments an account may trade, by symbol (case-sensitive, as the venue spells it).</summary>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, Instrument> _bySymbol = new(StringComparer.Ordinal);

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        foreach (var instrument in instruments)
        {
            var errors = instrument.Validate();
            if (errors.Count > 0)
                throw new ArgumentException($"Instrument '{instrument.Symbol}' is invalid: {string.Join(" ", errors)}", nameof(instruments));
            if (!_bySymbol.TryAdd(instrument.Symbol, instrument))
                throw new ArgumentException($"Instrument '{instrument.Symbol}' is listed twice.", nameof(instruments));
        }
    }

    public int Count => _bySymbol.Count;

    public IEnumerable<Instrument> All => _bySymbol.Values;

    public bool TryGet(string symbol, [NotNullWhen(true)] out Instrument? instrument) =>
        _bySymbol.TryGetValue(symbol, out instrument);
}
