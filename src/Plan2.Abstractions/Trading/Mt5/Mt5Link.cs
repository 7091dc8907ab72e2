namespace Plan2.Abstractions.Trading;

/// <summary>
/// An account traded on an MT5 terminal: the bridge's terminal id (the EA sends "LOGIN@SERVER") and the
/// account's login, which the terminal's own report must match before anything is reconciled.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.mt5-link")]
public sealed record Mt5Link([property: Id(0)] string TerminalId, [property: Id(1)] ulong Login)
{
    public const string RoutePrefix = "mt5:";

    /// <summary>The order route of this link, as an order ticket carries it.</summary>
    public string Route => RoutePrefix + TerminalId;
}
