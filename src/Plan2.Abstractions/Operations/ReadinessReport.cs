namespace Plan2.Abstractions.Operations;

/// <summary>
/// What /health/ready answers (web and silo): "ready", "degraded" (a store is unreachable: orders
/// cannot be saved) or "starting"/"unavailable" (the silo or cluster does not serve yet).
/// </summary>
public sealed record ReadinessReport(string Status, IReadOnlyList<StoreStatus> Stores, string? Detail = null)
{
    public const string Ready = "ready";
    public const string Degraded = "degraded";

    public bool IsReady => Status == Ready;

    /// <summary>Ready when every store answers, degraded naming those that do not.</summary>
    public static ReadinessReport FromStores(IReadOnlyList<StoreStatus> stores)
    {
        var down = stores.Where(s => !s.Reachable).ToList();
        return down.Count == 0
            ? new ReadinessReport(Ready, stores)
            : new ReadinessReport(Degraded, stores, string.Join("; ", down.Select(s => $"{s.Store} unreachable since {s.Since:HH:mm:ss}: {s.Error}")));
    }
}
