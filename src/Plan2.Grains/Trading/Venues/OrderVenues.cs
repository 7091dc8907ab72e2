using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// Picks an order's venue from its route: none is the default venue (the paper broker), "mt5:TERMINAL"
/// that terminal through the bridge. The route is journaled with the placement, so a rebuilt order
/// keeps talking to the venue it was sent to.
/// </summary>
public sealed class OrderVenues(IOrderVenue defaultVenue, IGrainFactory grains)
{
    public IOrderVenue Default => defaultVenue;

    public IOrderVenue For(string? route) => route switch
    {
        null => defaultVenue,
        _ when route.StartsWith(Mt5Link.RoutePrefix, StringComparison.Ordinal) => new Mt5Venue(route[Mt5Link.RoutePrefix.Length..], grains),
        _ => throw new InvalidOperationException($"Unknown order route '{route}'."),
    };
}
