namespace Plan2.MarketData.Bridge;

/// <summary>Which request a REQUEST_RESULT answers (version 4). Wire constants: never renumber.</summary>
public enum BridgeRequestAction : byte
{
    Cancel = 1,
    Modify = 2,
}
