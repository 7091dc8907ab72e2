using System.Collections.Concurrent;

namespace Plan2.Tests.Shared;

/// <summary>
/// Temporary folders a test hands to a silo, a process or a store and cannot delete when the test ends (a TestCluster's
/// silos are configured statically, a started process may still hold them): each is removed when the test run's process
/// exits, so a run leaves nothing behind in the machine's temp folder (every run used to leave ~20 MB there).
/// Linked into each test project that makes such folders.
/// </summary>
internal static class TestFolders
{
    private static readonly ConcurrentBag<string> Made = [];

    static TestFolders() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    /// <summary>A new, empty folder under the temp folder, named from <paramref name="prefix"/>, removed at exit.</summary>
    public static string Create(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        Made.Add(path);
        return path;
    }

    private static void RemoveAll()
    {
        foreach (var path in Made)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder something still writes into as the run ends: left for the system's temp cleaning.
            }
        }
    }
}
