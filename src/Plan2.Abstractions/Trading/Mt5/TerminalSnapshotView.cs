namespace Plan2.Abstractions.Trading;

/// <summary>
/// What an MT5 terminal reported after a reconnect: its login, pending orders, positions and deals since <c>Since</c>.
/// SentSinceAsked: client order ids sent to the terminal since the platform asked for it (or on their way then): they may be
/// missing from it and are not judged by it; AskedAt: when it was asked for, so that orders requested later are not either.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.terminal-snapshot")]
public sealed record TerminalSnapshotView(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] ulong Login,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] bool Truncated,
    [property: Id(4)] IReadOnlyList<TerminalOrderView> Orders,
    [property: Id(5)] IReadOnlyList<TerminalPositionView> Positions,
    [property: Id(6)] IReadOnlyList<VenueReport> Deals,
    [property: Id(7)] IReadOnlyList<string>? SentSinceAsked = null,
    [property: Id(8)] DateTimeOffset? AskedAt = null);

/// <summary>
/// A pending order at the terminal; ClientOrderId empty when the EA could not tell whose it is. Price: ORDER_PRICE_OPEN (a limit's
/// limit, a stop's or waiting stop-limit's stop; a triggered stop-limit's limit); Type as the terminal holds it now (a
/// triggered stop-limit is a limit there); both null when the report had none.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.terminal-order")]
public sealed record TerminalOrderView(
    [property: Id(0)] string VenueOrderId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] TradeSide Side,
    [property: Id(4)] decimal VolumeLeft,
    [property: Id(5)] decimal? Price = null,
    [property: Id(6)] TradeOrderType? Type = null);

/// <summary>An open position at the terminal.</summary>
[GenerateSerializer, Immutable, Alias("plan2.terminal-position")]
public sealed record TerminalPositionView(
    [property: Id(0)] string Symbol,
    [property: Id(1)] TradeSide Side,
    [property: Id(2)] decimal Volume);
