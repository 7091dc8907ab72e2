using Microsoft.Extensions.Logging;

namespace Plan2.Grains.Trading.Venues;

// Reports an order did not take. The book has already moved on (a filled order left it), so the reports exist only
// here: they are sent again every second while this activation lives, and the wake reminder stays meanwhile. If the
// activation goes before they are delivered, the order's key is still stored, so the next activation rests the order
// again on its journaled terms and works the quantity those reports covered once more: a paper fill that never became
// durable is not booked, and none is booked twice.
public sealed partial class PaperBookGrain
{
    private static readonly TimeSpan RedeliverEvery = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, List<PaperBookReport>> _undelivered = new(StringComparer.Ordinal);
    private IGrainTimer? _redelivery;

    private async Task KeepRedeliveringAsync()
    {
        _redelivery ??= this.RegisterGrainTimer(RedeliverAsync, new GrainTimerCreationOptions(RedeliverEvery, RedeliverEvery) { KeepAlive = true });
        await KeepWakeAsync();
    }

    private async Task RedeliverAsync(CancellationToken _)
    {
        foreach (var orderId in _undelivered.Keys.ToList())
            await DeliverAsync(orderId, []);
        if (_undelivered.Count > 0)
            return;
        _redelivery?.Dispose();
        _redelivery = null;
        logger.LogInformation("Paper book {Symbol}: every report held back is delivered", Symbol);
        await AfterDeliveryAsync();
        if (_venue.WorkingCount == 0)
            await StopListeningAsync(); // lets the wake reminder go too
    }
}
