namespace Plan2.Core.Risk;

/// <summary>
/// The three stop switches an order passes under. Any one set denies every new order, closing ones
/// included: flattening is a deliberate operator action, not something risk lets through by itself.
/// </summary>
public readonly record struct KillSwitches(bool Platform, bool Tenant, bool Account)
{
    public static KillSwitches AllOff => default;
}
