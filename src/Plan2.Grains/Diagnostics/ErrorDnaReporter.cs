using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Diagnostics;

namespace Plan2.Grains.Diagnostics;

/// <summary>
/// Sends the collector's fingerprints to the ErrorDNA grain every <see cref="Every"/>; what cannot be
/// sent (the cluster is unreachable) waits for the next round. It logs at Warning only: an Error about
/// reporting errors would be fingerprinted in turn.
/// </summary>
public sealed class ErrorDnaReporter(ErrorDnaCollector collector, IGrainFactory grains, ILogger<ErrorDnaReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends what is waiting now; returns false when it had to be put back.</summary>
    public async Task<bool> FlushAsync()
    {
        var reports = collector.Drain();
        if (reports.Count == 0)
            return true;
        try
        {
            await grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key).ReportAsync(reports);
            return true;
        }
        catch (Exception e)
        {
            collector.Return(reports);
            logger.LogWarning("ErrorDNA could not report {Count} fingerprints, will retry: {Reason}", reports.Count, e.Message);
            return false;
        }
    }
}
