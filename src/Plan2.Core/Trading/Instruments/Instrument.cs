using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Instruments;

/// <summary>
/// What the venue says about a tradable symbol: how prices and lots are quantised, how big a lot
/// is, which currencies it pairs, and what holding it overnight costs. Quantities are in lots;
/// one lot is <see cref="ContractSize"/> units of <see cref="BaseCurrency"/> (100,000 for FX majors).
/// </summary>
public sealed record Instrument
{
    public required string Symbol { get; init; }
    /// <summary>Decimals of the quote; a point is 10^-Digits (0.00001 for EURUSD, 0.001 for USDJPY).</summary>
    public required int Digits { get; init; }
    /// <summary>Smallest price increment; every order price must be a multiple of it.</summary>
    public required Price TickSize { get; init; }
    public decimal ContractSize { get; init; } = 100_000m;
    public decimal LotStep { get; init; } = 0.01m;
    public decimal MinLot { get; init; } = 0.01m;
    public decimal MaxLot { get; init; } = 100m;
    /// <summary>The currency bought by a buy (EUR in EURUSD).</summary>
    public required string BaseCurrency { get; init; }
    /// <summary>The currency prices and therefore P&amp;L are in (USD in EURUSD, JPY in USDJPY).</summary>
    public required string QuoteCurrency { get; init; }
    /// <summary>Overnight charge or credit per lot in points for a long position (MT5's swap in points; negative = pay).</summary>
    public decimal SwapLongPoints { get; init; }
    public decimal SwapShortPoints { get; init; }
    /// <summary>The rollover that charges three days, covering the weekend (Wednesday for spot FX).</summary>
    public DayOfWeek TripleSwapDay { get; init; } = DayOfWeek.Wednesday;
    /// <summary>The venue's trading sessions: a DAY order ends with the session it was placed in (<see cref="Risk.TradingHours.DayEnd"/>).</summary>
    public Risk.TradingHours Hours { get; init; } = Risk.TradingHours.Always;

    public decimal Point => 1m / Pow10(Digits);

    public bool IsOnTick(Price price) => TickSize.Units > 0 && price.Units % TickSize.Units == 0;

    public bool IsOnLotStep(decimal lots) => LotStep > 0m && lots % LotStep == 0m;

    /// <summary>Largest quantity on the lot step not above <paramref name="lots"/> (never rounds up risk).</summary>
    public decimal FloorToLotStep(decimal lots) => LotStep > 0m ? decimal.Floor(lots / LotStep) * LotStep : lots;

    /// <summary>Value in quote currency of <paramref name="lots"/> at <paramref name="price"/>.</summary>
    public decimal Notional(decimal lots, Price price) => lots * ContractSize * price.ToDecimal();

    /// <summary>Every inconsistency at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Symbol))
            errors.Add("Symbol must not be empty.");
        if (Digits is < 0 or > Price.Decimals)
            errors.Add($"Digits must be between 0 and {Price.Decimals}, not {Digits}.");
        if (!TickSize.IsPositive)
            errors.Add($"TickSize must be positive, not {TickSize}.");
        if (ContractSize <= 0m)
            errors.Add($"ContractSize must be positive, not {ContractSize}.");
        if (LotStep <= 0m)
            errors.Add($"LotStep must be positive, not {LotStep}.");
        if (MinLot <= 0m || MaxLot < MinLot)
            errors.Add($"MinLot ({MinLot}) must be positive and not above MaxLot ({MaxLot}).");
        else if (LotStep > 0m && (!IsOnLotStep(MinLot) || !IsOnLotStep(MaxLot)))
            errors.Add($"MinLot ({MinLot}) and MaxLot ({MaxLot}) must be multiples of LotStep ({LotStep}).");
        if (!Currency.IsCode(BaseCurrency))
            errors.Add($"BaseCurrency must be a three-letter code in capitals, not '{BaseCurrency}'.");
        if (!Currency.IsCode(QuoteCurrency))
            errors.Add($"QuoteCurrency must be a three-letter code in capitals, not '{QuoteCurrency}'.");
        return errors;
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10m;
        return r;
    }
}
