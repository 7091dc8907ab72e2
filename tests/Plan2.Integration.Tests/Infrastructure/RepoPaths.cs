using System.Reflection;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>Where the built programs are, relative to the checkout these tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string WebDll => Built("web", "Plan2.Web.dll");
    public static string SiloDll => Built("silo", "Plan2.Silo.dll");
    public static string BotDll => Built("bot", "Plan2.Bot.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build Plan2.Orleans.sln first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Plan2.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
