using Plan2.Abstractions.Diagnostics;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Web.Services.Operations;

/// <summary>The platform's error fingerprints for the admins' page; anyone else gets nothing.</summary>
public sealed class ErrorDnaService(IGrainFactory grains, DashboardUser user)
{
    public bool Allowed => user.IsPlatformAdmin; // every tenant's data: the silo refuses a tenant context too

    public async Task<ErrorDnaView?> GetAsync() =>
        Allowed ? await grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key).GetAllAsync() : null;
}
