namespace Plan2.Core.Trading.Money;

/// <summary>
/// Booked amounts (realised P&amp;L, swap) are rounded to cents, half away from zero, as brokers
/// book deals in account currency; intermediate arithmetic stays unrounded.
/// </summary>
public static class MoneyRounding
{
    public const int Decimals = 2;

    public static decimal Book(decimal amount) => Math.Round(amount, Decimals, MidpointRounding.AwayFromZero);
}
