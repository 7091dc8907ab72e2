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
    private ErrorSpikeView? _latest;

    /// <summary>The newest spike of the last hour, or null.</summary>
    public ErrorSpikeView? Open => Shown;

    protected override async Task<ErrorSpikeView?> ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            _latest = await grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key).GetLatestSpikeAsync().WaitAsync(Every) ?? _latest;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A missed answer keeps the last one: the banner does not flicker. Debug only: an Error log would itself be fingerprinted.
            log.LogDebug(e, "ErrorDNA did not answer the spike check");
        }
        return _latest is { } spike && Clock.GetUtcNow() - spike.At < OpenFor ? spike : null;
    }
}
