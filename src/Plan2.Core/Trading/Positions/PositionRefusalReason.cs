namespace Plan2.Core.Trading.Positions;

/// <summary>Why a fill or rollover was not booked. Nothing changes when one is refused.</summary>
public enum PositionRefusalReason : byte
{
    None = 0,
    DuplicateTrade,
    NonPositiveQuantity,
    NonPositivePrice,
    /// <summary>No longer raised (a negative commission is a rebate and is booked); kept so the later values keep their numbers.</summary>
    NegativeCommission,
    InstrumentMismatch,
    UnknownTicket,
    TicketSymbolMismatch,
    CloseSameSide,
    CloseExceedsPosition,
    NoConversionRate,
    UnknownSymbol,
}
