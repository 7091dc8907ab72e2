namespace Plan2.MarketData.Bridge;

/// <summary>The MT5 trade server return codes the bridge interprets; every other code is a rejection.</summary>
public static class Mt5Retcode
{
    public const uint Reject = 10006;
    public const uint Placed = 10008;
    public const uint Done = 10009;
    public const uint DonePartial = 10010;
    public const uint Invalid = 10013;
    public const uint InvalidVolume = 10014;
    public const uint InvalidExpiration = 10022;
    public const uint InvalidFill = 10030;

    /// <summary>Accepted by the trade server; fills, if any, follow as FILL frames.</summary>
    public static bool IsSuccess(uint retcode) => retcode is Placed or Done or DonePartial;
}
