using System.Globalization;
using System.Text.RegularExpressions;

namespace Plan2.Telegram.Commands;

/// <summary>Reading command arguments, each failure a <see cref="CommandArgumentException"/> that says what was expected.</summary>
public static partial class Args
{
    public static readonly string[] Timeframes = ["M1", "M5", "M15", "H1", "D1"];

    public static string Symbol(IReadOnlyList<string> args, int index)
    {
        if (args.Count <= index)
            throw new CommandArgumentException("Name a symbol, e.g. EURUSD.");
        var symbol = args[index].ToUpperInvariant();
        return SymbolPattern().IsMatch(symbol) ? symbol : throw new CommandArgumentException($"'{args[index]}' is not a symbol: use letters and digits, e.g. EURUSD.");
    }

    public static string Timeframe(IReadOnlyList<string> args, int index, string fallback)
    {
        if (args.Count <= index)
            return fallback;
        var tf = args[index].ToUpperInvariant();
        return Timeframes.Contains(tf) ? tf : throw new CommandArgumentException($"'{args[index]}' is not a timeframe: use one of {string.Join(", ", Timeframes)}.");
    }

    public static decimal Lots(IReadOnlyList<string> args, int index)
    {
        if (args.Count <= index)
            throw new CommandArgumentException("Give a quantity in lots, e.g. 0.1.");
        if (!decimal.TryParse(args[index], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var lots) || lots <= 0m)
            throw new CommandArgumentException($"'{args[index]}' is not a quantity: give a positive number of lots, e.g. 0.1.");
        return lots <= 1000m ? lots : throw new CommandArgumentException($"{lots} lots is more than the bot takes in one order (1000).");
    }

    public static string OneOf(IReadOnlyList<string> args, int index, string fallback, params string[] allowed)
    {
        if (args.Count <= index)
            return fallback;
        var value = args[index].ToLowerInvariant();
        return allowed.Contains(value) ? value : throw new CommandArgumentException($"'{args[index]}' is not one of {string.Join(", ", allowed)}.");
    }

    public static void NoMoreThan(IReadOnlyList<string> args, int count)
    {
        if (args.Count > count)
            throw new CommandArgumentException($"Too many arguments: '{string.Join(' ', args.Skip(count))}' is not understood.");
    }

    public static string N(decimal value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("+#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z][A-Z0-9._]{2,15}$")]
    private static partial Regex SymbolPattern();
}
