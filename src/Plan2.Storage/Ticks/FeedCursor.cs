namespace Plan2.Storage.Ticks;

/// <summary>
/// How far one feed (a terminal session, <c>terminal#session</c>) of one symbol is stored: every tick of it through
/// <see cref="Through"/> (its sequence) is in the store. Written with the ticks it covers, so a restarted platform tells
/// the terminal to resend from exactly the first tick it does not hold.
/// </summary>
public readonly record struct FeedCursor(string Feed, string Symbol, long Through);
