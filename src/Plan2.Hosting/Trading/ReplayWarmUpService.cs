using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Core.Trading.Instruments;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Hosting.Trading;

/// <summary>Warms the order and account rebuild path in the background as the silo starts (see <see cref="ReplayWarmUp"/>); never delays the start.</summary>
internal sealed class ReplayWarmUpService(InstrumentCatalog catalog, ILogger<ReplayWarmUpService> logger) : IHostedService
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
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
