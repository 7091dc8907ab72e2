namespace Plan2.Ml.Tests;

/// <summary>The real market data beside the checkout (…/shared/data, found upwards), never copied into the repository.</summary>
internal static class SharedData
{
    private const string Marker = "shared/data/";

    public static string Root { get; } = Find();

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>A data path as the README's command gives it (../shared/data/…), found wherever the shared data is.</summary>
    public static string Resolve(string recorded)
    {
        var at = recorded.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? recorded : File(recorded[(at + Marker.Length)..]);
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PLAN2_SHARED_DATA") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.File.Exists(Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }
        throw new InvalidOperationException("shared/data not found above the checkout; set PLAN2_SHARED_DATA.");
    }
}
