using System.Diagnostics;

namespace Plan2.Tests.Shared;

/// <summary>
/// A process a test starts (a silo, the web, the CLI) takes only the configuration the test gives it: a setting of the
/// calling shell must not reach it. bench.sh exports the ClickHouse its ingest bench filled, and an embedded platform
/// that inherited it replayed those symbols at 600x and timed out; a user's Plan2__DataDir must never be written by a test.
/// Linked into each test project that starts processes.
/// </summary>
internal static class PlatformSettings
{
    /// <summary>Removes every inherited Plan2__*, ConnectionStrings__* and Telegram__* variable from <paramref name="info"/>.</summary>
    public static ProcessStartInfo WithoutInherited(this ProcessStartInfo info)
    {
        foreach (var key in info.Environment.Keys.Where(IsPlatformSetting).ToList())
            info.Environment.Remove(key);
        return info;
    }

    private static bool IsPlatformSetting(string name) =>
        name.StartsWith("Plan2__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Telegram__", StringComparison.OrdinalIgnoreCase);
}
