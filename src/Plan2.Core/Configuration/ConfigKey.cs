namespace Plan2.Core.Configuration;

/// <summary>What a setting governs: an account's risk limits, a strategy's thresholds, an instrument's feed validation.</summary>
public enum ConfigKind { Risk, Strategy, Feed }

/// <summary>
/// The key of one configuration grain, "TENANT/KIND/TARGET", tenant first so the silo's tenant check
/// guards it like any tenant grain: "acme/risk/main" (account main's limits), "acme/strategy/main/ai-1/EURUSD"
/// (that strategy), "platform/feed/EURUSD" (feed settings belong to the platform). <see cref="ConsumerKey"/>
/// is the key of the grain that uses the setting.
/// </summary>
public sealed record ConfigKey(string Tenant, ConfigKind Kind, string Target)
{
    public const string PlatformTenant = "platform";

    public string ConsumerKey => Kind == ConfigKind.Feed ? Target : $"{Tenant}/{Target}";

    public override string ToString() => $"{Tenant}/{Kind.ToString().ToLowerInvariant()}/{Target}";

    public static ConfigKey Risk(string tenant, string account) => new(tenant, ConfigKind.Risk, account);
    public static ConfigKey Strategy(string tenant, string account, string strategyId, string symbol) => new(tenant, ConfigKind.Strategy, $"{account}/{strategyId}/{symbol}");
    public static ConfigKey Feed(string symbol) => new(PlatformTenant, ConfigKind.Feed, symbol);

    /// <summary>Reads a key, or says exactly what is wrong with it.</summary>
    public static bool TryParse(string? text, out ConfigKey? key, out string? problem)
    {
        key = null;
        var parts = (text ?? "").Split('/');
        problem = parts.Length < 3 || parts.Any(p => p.Length == 0)
            ? $"A configuration key is TENANT/KIND/TARGET, not '{text}'."
            : !Enum.TryParse<ConfigKind>(parts[1], ignoreCase: true, out var kind) || int.TryParse(parts[1], out _)
                ? $"'{parts[1]}' is not a kind of setting (risk, strategy, feed)."
                : (kind, parts.Length) switch
                {
                    (ConfigKind.Risk, not 3) => $"A risk key names one account: TENANT/risk/ACCOUNT, not '{text}'.",
                    (ConfigKind.Strategy, not 5) => $"A strategy key is TENANT/strategy/ACCOUNT/STRATEGY/SYMBOL, not '{text}'.",
                    (ConfigKind.Feed, not 3) => $"A feed key is platform/feed/SYMBOL, not '{text}'.",
                    (ConfigKind.Feed, _) when parts[0] != PlatformTenant => $"Feed settings belong to the platform: platform/feed/{parts[^1]}, not '{text}'.",
                    _ => null,
                };
        if (problem is null)
            key = new ConfigKey(parts[0], Enum.Parse<ConfigKind>(parts[1], ignoreCase: true), string.Join('/', parts[2..]));
        return key is not null;
    }

    public static ConfigKey Parse(string text) =>
        TryParse(text, out var key, out var problem) ? key! : throw new ArgumentException(problem, nameof(text));
}
