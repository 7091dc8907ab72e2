using Plan2.Abstractions.Diagnostics;

namespace Plan2.Web.Services.Operations;

/// <summary>
/// The spike banner's source: asks the ErrorDNA grain for its newest spike every few seconds (one small record,
/// once per web process however many admins are signed in) and tells the banners when the open spike changes.
/// A spike stays open for an hour: while it lasts, the grain tells it again every cooldown.
/// </summary>
public sealed class ErrorSpikeWatch(IGrainFactory grains, TimeProvider clock, ILogger<ErrorSpikeWatch> log) : BackgroundService
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);
    private ErrorSpikeView? _latest;

    /// <summary>The newest spike of the last hour, or null.</summary>
    public ErrorSpikeView? Open { get; private set; }

    public event Action? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            _latest = await ReadAsync(stoppingToken) ?? _latest; // a missed answer keeps the last one: the banner does not flicker
            var open = _latest is { } spike && clock.GetUtcNow() - spike.At < OpenFor ? spike : null;
            if (open != Open)
            {
                Open = open;
                Changed?.Invoke();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<ErrorSpikeView?> ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key).GetLatestSpikeAsync().WaitAsync(Every);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested) // a cancellation not ours must not stop the host either
        {
            // Debug only: an escaping error would end the service (and the host), and an Error log would itself be fingerprinted.
            log.LogDebug(e, "ErrorDNA did not answer the spike check");
            return null;
        }
    }
}
