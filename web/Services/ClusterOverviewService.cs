using Orleans.Runtime;
using Plan2.Hosting;

namespace Plan2.Web.Services;

/// <summary>What the cluster looks like right now: its silos (active, joining, dead) and how many grains each holds.</summary>
public sealed class ClusterOverviewService(IGrainFactory grains, Plan2Options options)
{
    public HostingMode Mode => options.Mode;
    public string ClusterId => options.ClusterId;

    public async Task<ClusterOverview> GetAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var stats = await management.GetSimpleGrainStatistics();
        // Every silo the membership table holds, dead and joining too: an operator must see a silo die, not lose it from the list.
        var silos = hosts
            .Select(h => new SiloView(h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString(), h.StartTime,
                stats.Where(s => s.SiloAddress.Equals(h.SiloAddress)).Sum(s => s.ActivationCount), h.IAmAliveTime, h.HostName))
            .OrderBy(s => s.Status == nameof(SiloStatus.Dead)).ThenBy(s => s.Address)
            .ToList();
        var grainTypes = stats
            .GroupBy(s => ShortTypeName(s.GrainType))
            .Select(g => new GrainTypeView(g.Key, g.Sum(s => s.ActivationCount)))
            .OrderByDescending(g => g.Activations).ThenBy(g => g.GrainType)
            .ToList();
        return new ClusterOverview(silos, grainTypes);
    }

    private static string ShortTypeName(string typeName)
    {
        var name = typeName.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}

public sealed record ClusterOverview(IReadOnlyList<SiloView> Silos, IReadOnlyList<GrainTypeView> GrainTypes);

/// <summary>A silo of the membership table; IAmAliveAt is its last heartbeat written there.</summary>
public sealed record SiloView(string Address, string Name, string Status, DateTime StartedAt, int Activations, DateTime IAmAliveAt, string HostName);

public sealed record GrainTypeView(string GrainType, int Activations);
