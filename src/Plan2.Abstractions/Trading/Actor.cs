namespace Plan2.Abstractions.Trading;

/// <summary>Who acted, as the audit trail records it: kind and name ("user" "alice", "strategy" "trend-1").</summary>
[GenerateSerializer, Immutable, Alias("plan2.actor")]
public sealed record Actor([property: Id(0)] ActorKind Kind, [property: Id(1)] string Name)
{
    public static Actor User(string name) => new(ActorKind.User, name);
    public static Actor Strategy(string name) => new(ActorKind.Strategy, name);
    public static readonly Actor Risk = new(ActorKind.Risk, "risk");
    public static readonly Actor Venue = new(ActorKind.Venue, "venue");

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}
