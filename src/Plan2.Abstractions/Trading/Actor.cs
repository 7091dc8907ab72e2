namespace Plan2.Abstractions.Trading;

/// <summary>Who acted, as the audit trail records it: kind and name ("user" "alice", "strategy" "trend-1").</summary>
[GenerateSerializer, Immutable, Alias("plan2.actor")]
public sealed record Actor([property: Id(0)] ActorKind Kind, [property: Id(1)] string Name)
{
    /// <summary>How an API key acting is named: a user "key:KEYID" (the API, the client SDK and the audit's readers share it).</summary>
    public const string ApiKeyPrefix = "key:";

    public static Actor User(string name) => new(ActorKind.User, name);
    public static Actor ApiKey(string keyId) => User(ApiKeyPrefix + keyId);
    public static Actor Strategy(string name) => new(ActorKind.Strategy, name);
    public static readonly Actor Risk = new(ActorKind.Risk, "risk");
    public static readonly Actor Venue = new(ActorKind.Venue, "venue");

    /// <summary>Whether an API key acted, and which (a method, not a property: the actor is journaled as JSON).</summary>
    public bool IsApiKey(out string keyId)
    {
        var isKey = Kind == ActorKind.User && Name.StartsWith(ApiKeyPrefix, StringComparison.Ordinal);
        keyId = isKey ? Name[ApiKeyPrefix.Length..] : "";
        return isKey;
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}
