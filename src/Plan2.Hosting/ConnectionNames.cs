namespace Plan2.Hosting;

/// <summary>Names under ConnectionStrings (ConnectionStrings__Redis and so on in the environment).</summary>
public static class ConnectionNames
{
    public const string Redis = "Redis";
    public const string Postgres = "Postgres";
    public const string ClickHouse = "ClickHouse";
}
