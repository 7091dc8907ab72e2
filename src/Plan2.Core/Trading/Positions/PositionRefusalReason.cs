namespace Plan2.Core.Trading.Positions;

/// <summary>Why a fill or rollover was not booked. Nothing changes when one is refused.</summary>
public enum PositionRefusalReason : byte
{
    None = 0,
    DuplicateTrade,
    NonPositiveQuantity,
    NonPositivePrice,
    NegativeCommission,
    InstrumentMismatch,
    UnknownTicket,
    TicketSymbolMismatch,
    CloseSameSide,
    CloseExceedsPosition,
    NoConversionRate,
    UnknownSymbol,
}
