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
}
