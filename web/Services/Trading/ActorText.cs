using Plan2.Abstractions.Trading;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// Who acted, as a trader reads it: "you" for the signed-in user, "API key …" for a key, "strategy …" for a strategy.
/// Another person stays their opaque id (the audit keeps ids, not names, so erasing a person keeps the trail; and a
/// trader may not list the tenant's users). The blotter showed "user:u-…" for the trader's own orders.
/// </summary>
public static class ActorText
{
    public static string Of(Actor? actor, string signedInUserId) => actor switch
    {
        null => "–",
        { Kind: ActorKind.User, Name: var name } when name.Length > 0 && name == signedInUserId => "you",
        _ when actor.IsApiKey(out var keyId) => "API key " + keyId,
        { Kind: ActorKind.User, Name: var name } => "user " + name,
        { Kind: ActorKind.Strategy, Name: var name } => "strategy " + name,
        { Kind: var kind } => kind.ToString().ToLowerInvariant(),
    };
}
