namespace Plan2.Hosting.MarketData;

/// <summary>Where market data is stored and where it comes from. Bound from "Plan2:MarketData" plus the shared keys.</summary>
public sealed class MarketDataOptions
{
    /// <summary>ClickHouse connection string (ConnectionStrings:ClickHouse); empty means the embedded DuckDB store.</summary>
    public string? ClickHouse { get; set; }

    /// <summary>Folder of the embedded store and other local data (Plan2:DataDir).</summary>
    public string DataDir { get; set; } = DefaultDataDir;

    public static string DefaultDataDir =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "plan2");

    /// <summary>
    /// The silo's own folder. Embedded: Plan2:DataDir itself (what <c>plan2 import</c> fills). A cluster
    /// silo: its subfolder <c>silo-{SiloPort}</c>, because silos on one machine share Plan2:DataDir and a
    /// DuckDB file admits one process (its bridge token and model work stay apart too).
    /// </summary>
    public static string SiloDataDir(string? configured, Plan2Options silo)
    {
        var root = configured is { Length: > 0 } ? configured : DefaultDataDir;
        return silo.Mode == HostingMode.Cluster ? Path.Combine(root, $"silo-{silo.SiloPort}") : root;
    }
}
