namespace Plan2.Core.Strategies;

/// <summary>A strategy's view on one closed bar.</summary>
public enum Signal : byte
{
    /// <summary>No opinion: keep what is held until its own exit rules end it.</summary>
    Hold = 0,
    Long,
    Short,
    /// <summary>Close whatever is held.</summary>
    Flat,
}
