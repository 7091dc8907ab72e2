using System.Globalization;

namespace Plan2.Core.MarketData;

/// <summary>
/// A price as a fixed-point number: a 64-bit count of 1e-8 units. Exact for every FX, metal and
/// index quote (at most 8 decimals), compares and adds as integers, and holds up to ~92 billion.
/// Parsing reads decimal text straight into units, so "1.05155" is exactly 105_155_000 with no
/// binary-float rounding on the way. Indicators convert to double deliberately (<see cref="ToDouble"/>):
/// they are statistics; money and quotes stay exact.
/// </summary>
public readonly record struct Price(long Units) : IComparable<Price>
{
    public const int Decimals = 8;
    public const long UnitsPerOne = 100_000_000;
    private const double UnitsPerOneDouble = UnitsPerOne;

    public static Price Zero => default;

    public bool IsPositive => Units > 0;

    public double ToDouble() => Units / UnitsPerOneDouble;

    public decimal ToDecimal() => Units / (decimal)UnitsPerOne;

    /// <summary>Nearest price to a double; null for NaN, infinities and values out of range.</summary>
    public static Price? FromDouble(double value)
    {
        if (!double.IsFinite(value))
            return null;
        var scaled = Math.Round(value * UnitsPerOneDouble, MidpointRounding.ToEven);
        return scaled is > long.MaxValue or < long.MinValue ? null : new Price((long)scaled);
    }

    /// <summary>Exact conversion; throws when the value has more than 8 decimals or is out of range.</summary>
    public static Price FromDecimal(decimal value)
    {
        var scaled = value * UnitsPerOne;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{value} has more than {Decimals} decimals.", nameof(value));
        return new Price(checked((long)scaled));
    }

    /// <summary>Parses "1.05155", "-0.5", "123" without going through double. Rejects anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Price price)
    {
        price = default;
        if (text.IsEmpty)
            return false;
        var i = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        long units = 0;
        var digits = 0;
        var fraction = -1; // decimals seen after the point; -1 before it
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }
            if ((uint)(c - '0') > 9)
                return false;
            if (fraction >= Decimals)
            {
                if (c != '0') return false; // more precision than a Price holds: refuse rather than round
                continue;
            }
            if (units > (long.MaxValue - 9) / 10)
                return false;
            units = units * 10 + (c - '0');
            digits++;
            if (fraction >= 0) fraction++;
        }
        if (digits == 0)
            return false;
        for (var k = fraction < 0 ? 0 : fraction; k < Decimals; k++)
        {
            if (units > long.MaxValue / 10) return false;
            units *= 10;
        }
        price = new Price(negative ? -units : units);
        return true;
    }

    public static Price Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a price with at most {Decimals} decimals.");

    public static Price operator +(Price a, Price b) => new(checked(a.Units + b.Units));
    public static Price operator -(Price a, Price b) => new(checked(a.Units - b.Units));
    public static bool operator <(Price a, Price b) => a.Units < b.Units;
    public static bool operator >(Price a, Price b) => a.Units > b.Units;
    public static bool operator <=(Price a, Price b) => a.Units <= b.Units;
    public static bool operator >=(Price a, Price b) => a.Units >= b.Units;
    public static Price Max(Price a, Price b) => a.Units >= b.Units ? a : b;
    public static Price Min(Price a, Price b) => a.Units <= b.Units ? a : b;

    public int CompareTo(Price other) => Units.CompareTo(other.Units);

    /// <summary>Shortest exact text: 1.05155, not 1.05155000.</summary>
    public override string ToString() => ToDecimal().ToString("0.########", CultureInfo.InvariantCulture);
}
