namespace Plan2.Grains;

/// <summary>Stream provider and namespaces: the contract between publishing grains and their consumers.</summary>
public static class StreamNames
{
    public const string Provider = "plan2";

    /// <summary>Storage the stream provider keeps its subscriptions in (Orleans' required name).</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>Predictions, keyed "SYMBOL/TIMEFRAME".</summary>
    public const string Predictions = "predictions";
}
