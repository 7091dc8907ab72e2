namespace Plan2.Hosting.MarketData;

/// <summary>The replay feed (section Plan2:Replay). On by default embedded, off in a cluster (terminals feed it).</summary>
public sealed class ReplayOptions
{
    public bool? Enabled { get; set; }

    /// <summary>History time per real time: 60 plays a minute of history each second. Simulated data always plays at 1.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>A folder of history files to replay in place; by default ../shared/data when found above the app.</summary>
    public string? Folder { get; set; }
}
