namespace Plan2.MarketData.Bridge;

/// <summary>
/// How the twin's trade server answers the next ORDER: the retcode (a failure rejects it), and into how
/// many deals it fills (0: the order rests as pending until <see cref="TwinTradeServer.Fill"/>).
/// </summary>
public sealed record TwinOrderBehaviour(uint Retcode = Mt5Retcode.Done, int FillParts = 1, string Message = "done")
{
    public static TwinOrderBehaviour Fill { get; } = new();

    public static TwinOrderBehaviour Rest { get; } = new(Mt5Retcode.Placed, 0, "placed");

    public static TwinOrderBehaviour Reject(uint retcode, string message) => new(retcode, 0, message);

    public static TwinOrderBehaviour PartialFills(int parts) => new(Mt5Retcode.Done, parts, $"done in {parts} deals");
}
