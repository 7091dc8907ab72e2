using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Trading;
using Plan2.Core.Identity;

namespace Plan2.Grains.Identity.Clients;

/// <summary>
/// The silo's check of calls that come in from gateway clients (processes outside the silo). A call carrying a
/// grant (the SDK's) is verified: the grant must be signed by the silos and unexpired, the method on the client
/// surface for the grant's role, any actor it names the key itself, and the tenant in the context is replaced by
/// the grant's, so <see cref="TenantCallFilter"/> then checks the grain's key against a proven tenant. A call
/// without a grant is the platform's own client (the web host in a cluster) unless
/// <see cref="ClientAccessOptions.RequireGrant"/> says every gateway client must hold one. Runs before the tenant check.
/// </summary>
public sealed class ClientGrantFilter(ClientGrantKeys keys, ClientAccessOptions options) : IIncomingGrainCallFilter
{
    /// <summary>Calls from inside the silo (nearly all) pass straight on: no async frame of ours around them.</summary>
    public Task Invoke(IIncomingGrainCallContext context) =>
        !IsGatewayClient(context.SourceId) || context.TargetId.IsSystemTarget() ? context.Invoke() : CheckGatewayCallAsync(context);

    private async Task CheckGatewayCallAsync(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(Plan2RequestContext.Grant) is not string token)
        {
            if (options.RequireGrant && context.InterfaceMethod?.DeclaringType != typeof(IClientGateGrain))
                throw new ClientGrantRefusedException(ClientGrantRefusal.GrantRequired,
                    $"This silo serves gateway clients with an API key only: open a grant through {nameof(IClientGateGrain)} (the Plan2.Client SDK does) before calling {context.InterfaceName}.{context.MethodName}.");
            await context.Invoke();
            return;
        }
        var grant = await keys.VerifyAsync(token)
            ?? throw new ClientGrantRefusedException(ClientGrantRefusal.GrantInvalid, IClientGateGrain.GrantRejected);
        if (ClientSurface.RequiredRole(context.InterfaceMethod) is not { } required)
            throw new ClientGrantRefusedException(ClientGrantRefusal.NotOnSurface, $"Grain clients may not call {context.InterfaceName}.{context.MethodName}.");
        if (grant.Role < required)
            throw new ClientGrantRefusedException(ClientGrantRefusal.RoleTooLow, $"{context.InterfaceName}.{context.MethodName} needs the {required} role; the API key has {grant.Role}.");
        var key = Actor.ApiKey(grant.KeyId);
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
            if (ActorIn(context.Request.GetArgument(i)) is { } named && named != key)
                throw new ClientGrantRefusedException(ClientGrantRefusal.ActsAsAnother, $"A client acts as its API key ({key}), not as {named}.");
        RequestContext.Set(Plan2RequestContext.Tenant, grant.TenantId);
        await context.Invoke();
    }

    /// <summary>A client outside the silo: the silo's own hosted client (a co-hosted web app) has a "hosted-" id.</summary>
    public static bool IsGatewayClient(GrainId? source) =>
        source is { } id && id.IsClient() && !id.Key.AsSpan().StartsWith("hosted-"u8); // the key's UTF-8 bytes: no string per call

    private static Actor? ActorIn(object? argument) => argument switch
    {
        Actor actor => actor,
        PlaceOrder order => order.PlacedBy,
        ReplaceOrder replace => replace.RequestedBy,
        OpenAccount open => open.OpenedBy,
        _ => null,
    };
}

/// <summary>How the silo treats gateway clients without a grant: refused (embedded, where the web is in-process) or trusted.</summary>
public sealed class ClientAccessOptions
{
    public bool RequireGrant { get; set; }
}
