namespace Plan2.MarketData.Tests;

/// <summary>The real market data beside the repository (../shared/data), never copied into it.</summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The checkout's shipped models (onnx-models beside Plan2.Orleans.sln).</summary>
    public static string ShippedModels { get; } = FindShippedModels();

    private static string FindShippedModels()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return System.IO.Path.Combine(dir.FullName, "onnx-models");
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PLAN2_SHARED_DATA") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }
        throw new InvalidOperationException("../shared/data not found beside the checkout; set PLAN2_SHARED_DATA.");
    }
}
