using Plan2.Abstractions.Diagnostics;

namespace Plan2.Web.Services.Operations;

/// <summary>
/// The spike banner's source: asks the ErrorDNA grain for its newest spike every few seconds (one small record) and
/// shows it while it is open. A spike stays open for an hour: while it lasts, the grain tells it again every cooldown.
/// </summary>
public sealed class ErrorSpikeWatch(IGrainFactory grains, TimeProvider clock, ILogger<ErrorSpikeWatch> log)
    : PolledWatch<ErrorSpikeView?>(null, Every, clock)
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    /// <summary>The newest spike of the last hour, or null.</summary>
    public ErrorSpikeView? Open => Shown;

    protected override async Task<ErrorSpikeView?> ReadAsync(CancellationToken stoppingToken) =>
        StillOpen(await grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key).GetLatestSpikeAsync().WaitAsync(Every) ?? Shown);

    /// <summary>A missed answer keeps the one shown: the banner does not flicker.</summary>
    protected override ErrorSpikeView? OnReadFailed(Exception error)
    {
        log.LogDebug(error, "ErrorDNA did not answer the spike check"); // Debug only: an Error log would itself be fingerprinted
        return StillOpen(Shown);
    }

    private ErrorSpikeView? StillOpen(ErrorSpikeView? spike) => spike is not null && Clock.GetUtcNow() - spike.At < OpenFor ? spike : null;
}
