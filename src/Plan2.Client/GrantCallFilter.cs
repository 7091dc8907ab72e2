using Plan2.Abstractions.Identity;

namespace Plan2.Client;

/// <summary>The client's current grant, shared by the connection that renews it and the filter that sends it.</summary>
internal sealed class GrantHolder
{
    public volatile ClientSession? Session;
}

/// <summary>
/// Puts the grant (and its tenant) into the request context of every call this client makes, stream and
/// observer subscriptions included: the silo trusts nothing else from a gateway client.
/// </summary>
internal sealed class GrantCallFilter(GrantHolder holder) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (holder.Session is { } session)
        {
            RequestContext.Set(Plan2RequestContext.Grant, session.Grant);
            RequestContext.Set(Plan2RequestContext.Tenant, session.TenantId);
        }
        return context.Invoke();
    }
}
