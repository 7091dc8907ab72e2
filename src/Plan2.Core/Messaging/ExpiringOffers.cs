namespace Plan2.Core.Messaging;

/// <summary>
/// Things offered under an id until a deadline, each to be taken at most once: one-time link codes and
/// trade confirmations. Taking after the deadline yields nothing, so an expired confirmation never acts.
/// </summary>
public sealed class ExpiringOffers<T> where T : class
{
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Offer> Waiting => _offers.Values;

    public void Add(string id, T item, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!_offers.TryAdd(id, new Offer(id, item, expiresAt)))
            throw new InvalidOperationException($"An offer '{id}' is already waiting.");
    }

    public bool Contains(string id) => _offers.ContainsKey(id);

    /// <summary>The item if it is still waiting at <paramref name="now"/>; else null and "expired", "used" or "unknown".</summary>
    public (T? Item, string? Refusal) Take(string id, DateTimeOffset now)
    {
        if (!_offers.Remove(id, out var offer))
            return (null, _taken.Contains(id) ? OfferRefusals.Used : OfferRefusals.Unknown);
        _taken.Add(id);
        return now < offer.ExpiresAt ? (offer.Item, null) : (null, OfferRefusals.Expired);
    }

    public bool Remove(string id) => _offers.Remove(id);

    /// <summary>Forgets offers past their deadline (taking one later says "unknown"); returns how many.</summary>
    public int Purge(DateTimeOffset now)
    {
        var expired = _offers.Values.Where(o => now >= o.ExpiresAt).Select(o => o.Id).ToList();
        foreach (var id in expired)
            _offers.Remove(id);
        _taken.Clear(); // remembered only until the next purge: enough to answer a double tap
        return expired.Count;
    }

    public sealed record Offer(string Id, T Item, DateTimeOffset ExpiresAt);
}

public static class OfferRefusals
{
    public const string Expired = "expired";
    public const string Used = "used";
    public const string Unknown = "unknown";
}
