namespace Plan2.Core.Trading.Money;

/// <summary>
/// A rate kept as a fraction, amount × <see cref="Multiplier"/> ÷ <see cref="Divisor"/>, so that
/// converting through an inverted pair divides by its price instead of multiplying by a rounded
/// reciprocal: 15,000 JPY through USDJPY 150 is exactly 100 USD, not 100.0000…05.
/// </summary>
public readonly record struct ConversionRate(decimal Multiplier, decimal Divisor)
{
    public static ConversionRate One => new(1m, 1m);

    /// <summary>Units of the target currency per unit of the source (rounded to decimal's 28 digits).</summary>
    public decimal Value => Multiplier / Divisor;

    public decimal Apply(decimal amount) => amount * Multiplier / Divisor;

    /// <summary>This rate followed by <paramref name="next"/> (A→B then B→C gives A→C).</summary>
    public ConversionRate Then(ConversionRate next) => new(Multiplier * next.Multiplier, Divisor * next.Divisor);
}
