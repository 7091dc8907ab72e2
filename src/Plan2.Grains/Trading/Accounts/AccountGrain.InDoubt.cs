using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Accounts;

// A placement whose call to its order failed (a timeout, the order's silo lost) may still have placed it: the order
// journals before it answers. Until asked again, this account would not count it among its working orders (risk's
// open-order and exposure limits, the blotter), and once older orders are forgotten past its placement time its later
// fills would read as booked long ago. So the account asks that order again every second until it answers.
public sealed partial class AccountGrain
{
    private static readonly TimeSpan AskInDoubtEvery = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _inDoubt = new(StringComparer.Ordinal);
    private IGrainTimer? _askingInDoubt;

    /// <summary>The order placed by this call, or the failure after noting the placement as in doubt.</summary>
    private async Task<OrderView> ExecuteNotingDoubtAsync(string clientOrderId, OrderTicket ticket)
    {
        try
        {
            return await OrderGrain(clientOrderId).ExecuteAsync(ticket);
        }
        catch (Exception e)
        {
            _inDoubt.Add(clientOrderId);
            _askingInDoubt ??= this.RegisterGrainTimer(AskInDoubtAsync, new GrainTimerCreationOptions(AskInDoubtEvery, AskInDoubtEvery) { KeepAlive = true });
            Logger.LogWarning(e, "Account {Account}: placing order {Order} failed without an answer; asking the order until it says whether it was placed",
                Key, clientOrderId);
            throw;
        }
    }

    private async Task AskInDoubtAsync(CancellationToken _)
    {
        foreach (var clientOrderId in _inDoubt.ToList())
        {
            OrderView? view;
            try
            {
                view = await OrderGrain(clientOrderId).GetAsync();
            }
            catch (Exception e)
            {
                Logger.LogDebug(e, "Account {Account}: order {Order} still cannot say whether it was placed", Key, clientOrderId);
                continue;
            }
            _inDoubt.Remove(clientOrderId);
            if (view is not null && Absorb(view))
                Tell(view); // its owner never heard of it: now they do
        }
        if (_inDoubt.Count == 0)
        {
            _askingInDoubt?.Dispose();
            _askingInDoubt = null;
        }
    }
}
