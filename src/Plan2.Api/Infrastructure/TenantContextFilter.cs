using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// Puts the caller's tenant (from the token, never from the request) into Orleans' RequestContext for the
/// grain calls of this request, so the silo's call filter can check it against each grain's key.
/// </summary>
internal sealed class TenantContextFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = context.HttpContext.User.FindFirst(Plan2Claims.Tenant)?.Value;
        if (tenant is null)
            return await next(context);
        RequestContext.Set(Plan2RequestContext.Tenant, tenant);
        try
        {
            return await next(context);
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }
    }
}
