using Plan2.Abstractions.Flows;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Web.Services.Operations;

/// <summary>The registry's running flows for the admins' diagram; anyone else gets nothing.</summary>
public sealed class FlowService(IGrainFactory grains, DashboardUser user)
{
    public bool Allowed => user.IsPlatformAdmin; // every tenant's data: the silo refuses a tenant context too

    public async Task<FlowGraphView?> GetAsync() =>
        Allowed ? await grains.GetGrain<IFlowRegistryGrain>(IFlowRegistryGrain.Key).GetAsync() : null;
}
