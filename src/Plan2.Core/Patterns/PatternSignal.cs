namespace Plan2.Core.Patterns;

/// <summary>
/// A pattern on a bar, with <paramref name="Confidence"/> = its measured <see cref="PatternStats.Reliability"/>
/// from occurrences resolved before this bar, so the signal never sees its own future.
/// A struct, as signals are made on every bar in a hot loop.
/// </summary>
public readonly record struct PatternSignal(CandlePattern Pattern, int Direction, double Confidence, int Occurrences, long BarTimeMs);
