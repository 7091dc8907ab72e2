using Microsoft.AspNetCore.Components.Server.Circuits;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Web.Services;

namespace Plan2.Web.Identity;

/// <summary>
/// Puts the signed-in user's own tenant into Orleans' RequestContext while the circuit handles anything the
/// browser sent (events, navigation, rendering that follows), as the API's TenantContextFilter does per request:
/// the silo then refuses a grain of another tenant even if a page asked for one. Platform admins' tenant may act anywhere.
/// </summary>
internal sealed class TenantCircuitHandler(IServiceProvider services) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = services.GetRequiredService<DashboardUser>();
            if (!user.IsSignedIn)
            {
                await next(context);
                return;
            }
            RequestContext.Set(Plan2RequestContext.Tenant, user.OwnTenantId);
            try
            {
                await next(context);
            }
            finally
            {
                RequestContext.Remove(Plan2RequestContext.Tenant);
            }
        };
}
