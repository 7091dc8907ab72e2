using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Core.Trading.Instruments;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Hosting.Trading;

/// <summary>
/// Warms the order and account rebuild path in the background as the silo starts (see <see cref="ReplayWarmUp"/>), and on
/// a cluster silo, once the host has started, the whole order path (<see cref="OrderPathWarmUp"/>); never delays the start.
/// </summary>
internal sealed class ReplayWarmUpService(
    InstrumentCatalog catalog, IOrderJournal journal, IHostApplicationLifetime lifetime, ILogger<ReplayWarmUpService> logger, bool wholeOrderPath) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            try
            {
                ReplayWarmUp.Run(catalog);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The rebuild warm-up failed; the first account rebuild will pay for it instead");
            }
        }, CancellationToken.None);
        if (wholeOrderPath) // after the start: compiling competes for the CPU the silo's own start needs
            lifetime.ApplicationStarted.Register(() => _ = Task.Run(WarmOrderPathAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    private async Task WarmOrderPathAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var compiled = OrderPathWarmUp.Compile();
            var compiledIn = clock.Elapsed.TotalMilliseconds;
            await OrderPathWarmUp.ReadJournalAsync(journal);
            logger.LogInformation("Order path warmed in {Total:0} ms: {Methods} methods of {Types} types compiled in {Compiled:0} ms ({Failed} left to their first call), journal read",
                clock.Elapsed.TotalMilliseconds, compiled.Methods, compiled.Types.Count, compiledIn, compiled.Failed);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The order path warm-up failed after {Elapsed:0} ms; the first orders on this silo will pay for it instead", clock.Elapsed.TotalMilliseconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
