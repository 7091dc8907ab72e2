namespace Plan2.Core.Messaging;

/// <summary>
/// Things offered under an id until a deadline, each to be taken at most once: one-time link codes and
/// trade confirmations. Taking after the deadline yields nothing, so an expired confirmation never acts.
/// How each offer ended (used, expired, cancelled) is remembered for <see cref="Memory"/> past its deadline, so a
/// late or second tap is told which it was: "expired" and "already done" call for different next steps.
/// </summary>
public sealed class ExpiringOffers<T> where T : class
{
    /// <summary>How long past its deadline an ended offer's outcome is kept (then taking it says "unknown").</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EndedOffer> _ended = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Offer> Waiting => _offers.Values;

    /// <summary>The offers that ended and are still remembered (to keep beside <see cref="Waiting"/>).</summary>
    public IReadOnlyCollection<EndedOffer> Ended => _ended.Values;

    public void Add(string id, T item, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_ended.ContainsKey(id) || !_offers.TryAdd(id, new Offer(id, item, expiresAt)))
            throw new InvalidOperationException($"An offer '{id}' is already waiting or ended.");
    }

    /// <summary>Puts back an ended offer as kept (an activation reading its state).</summary>
    public void Restore(EndedOffer ended)
    {
        ArgumentException.ThrowIfNullOrEmpty(ended.Id);
        if (!OfferRefusals.IsEnd(ended.Outcome))
            throw new ArgumentException($"'{ended.Outcome}' is not how an offer ends.", nameof(ended));
        _ended[ended.Id] = ended;
    }

    /// <summary>Whether the id is in use, waiting or remembered as ended: a new offer must not reuse it.</summary>
    public bool Contains(string id) => _offers.ContainsKey(id) || _ended.ContainsKey(id);

    /// <summary>The item if it is still waiting at <paramref name="now"/>; else null and "expired", "used", "cancelled" or "unknown".</summary>
    public (T? Item, string? Refusal) Take(string id, DateTimeOffset now)
    {
        if (!_offers.Remove(id, out var offer))
            return (null, _ended.TryGetValue(id, out var ended) ? ended.Outcome : OfferRefusals.Unknown);
        if (now < offer.ExpiresAt)
        {
            End(offer, OfferRefusals.Used);
            return (offer.Item, null);
        }
        End(offer, OfferRefusals.Expired); // a second tap is told "expired" again, never "used": nothing was done
        return (null, OfferRefusals.Expired);
    }

    /// <summary>Withdraws a waiting offer (the user said no); taking it later says "cancelled".</summary>
    public bool Remove(string id)
    {
        if (!_offers.Remove(id, out var offer))
            return false;
        End(offer, OfferRefusals.Cancelled);
        return true;
    }

    /// <summary>
    /// Ends the offers past their deadline (taking one later says "expired") and forgets outcomes older than
    /// <see cref="Memory"/>; returns how many offers expired.
    /// </summary>
    public int Purge(DateTimeOffset now)
    {
        var expired = _offers.Values.Where(o => now >= o.ExpiresAt).ToList();
        foreach (var offer in expired)
        {
            _offers.Remove(offer.Id);
            End(offer, OfferRefusals.Expired);
        }
        foreach (var old in _ended.Values.Where(e => now >= e.ExpiresAt + Memory).Select(e => e.Id).ToList())
            _ended.Remove(old);
        return expired.Count;
    }

    private void End(Offer offer, string outcome) => _ended[offer.Id] = new EndedOffer(offer.Id, outcome, offer.ExpiresAt);

    public sealed record Offer(string Id, T Item, DateTimeOffset ExpiresAt);
}

/// <summary>How an offer ended (<see cref="OfferRefusals"/>: used, expired or cancelled) and the deadline it had.</summary>
public sealed record EndedOffer(string Id, string Outcome, DateTimeOffset ExpiresAt);

public static class OfferRefusals
{
    public const string Expired = "expired";
    public const string Used = "used";
    public const string Cancelled = "cancelled";
    public const string Unknown = "unknown";

    public static bool IsEnd(string outcome) => outcome is Expired or Used or Cancelled;
}
