namespace Plan2.ClickHouseFront;

/// <summary>Where libchdb.so is: $PLAN2_CHDB_LIB, else the cache build/fetch-chdb.sh fills.</summary>
public static class ChDbLibrary
{
    public const string Variable = "PLAN2_CHDB_LIB";

    public static string Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(explicitPath)) return explicitPath;
        var cacheDir = Environment.GetEnvironmentVariable("PLAN2_CHDB_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "plan2", "chdb");
        return Path.Combine(cacheDir, "libchdb.so");
    }

    public static string Require()
    {
        var library = Locate();
        return File.Exists(library)
            ? library
            : throw new FileNotFoundException(
                $"libchdb.so not found at {library}. Run build/fetch-chdb.sh (it caches the ClickHouse engine outside the repo), " +
                $"or set {Variable} to the library's path.", library);
    }
}
