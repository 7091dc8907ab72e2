namespace Plan2.MarketData.Replay;

/// <summary>The real history of a development checkout: ../shared/data, the first folder above the app holding shared/data/SOURCES.md.</summary>
public static class SharedHistory
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }
        return null;
    }
}
