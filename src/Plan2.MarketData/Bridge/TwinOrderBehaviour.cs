namespace Plan2.MarketData.Bridge;

/// <summary>
/// How the twin's trade server answers the next ORDER: the retcode (a failure rejects it), into how
/// many deals it fills (0: the order rests as pending until <see cref="TwinTradeServer.Fill"/>), and
/// whether its ORDER_RESULT reaches the server at all (Answers false: lost on the way).
/// </summary>
public sealed record TwinOrderBehaviour(uint Retcode = Mt5Retcode.Done, int FillParts = 1, string Message = "done", bool Answers = true)
{
    public static TwinOrderBehaviour Fill { get; } = new();

    public static TwinOrderBehaviour Rest { get; } = new(Mt5Retcode.Placed, 0, "placed");

    public static TwinOrderBehaviour Reject(uint retcode, string message) => new(retcode, 0, message);

    /// <summary>Placed and resting at the terminal, but its ORDER_RESULT never arrives.</summary>
    public static TwinOrderBehaviour PlacedResultLost { get; } = new(Mt5Retcode.Placed, 0, "placed", Answers: false);

    /// <summary>The ORDER never got to the trade server and nothing answers.</summary>
    public static TwinOrderBehaviour NeverPlaced { get; } = new(Mt5Retcode.Invalid, 0, "", Answers: false);

    public static TwinOrderBehaviour PartialFills(int parts) => new(Mt5Retcode.Done, parts, $"done in {parts} deals");
}
