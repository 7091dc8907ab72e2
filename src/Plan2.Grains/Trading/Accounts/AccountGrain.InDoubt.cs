using Microsoft.Extensions.Logging;
using Plan2.Grains.Operations;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Accounts;

// A placement whose call to its order failed (a timeout, the order's silo lost) may still have placed it: the order
// journals before it answers. Until asked again, this account would not count it among its working orders (risk's
// open-order and exposure limits, the blotter), and once older orders are forgotten past its placement time its later
// fills would read as booked long ago. So the account asks those orders again every second until they answer: all at
// once, each for a bounded time, in a turn that interleaves (an order busy with a slow venue must not hold up the account;
// taking an answer is synchronous and idempotent, as an order's own report is).
public sealed partial class AccountGrain
{
    private static readonly TimeSpan AskInDoubtEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InDoubtAnswerWithin = TimeSpan.FromSeconds(2);
    private const int InDoubtAsksToWarn = 10; // failed asks of one order before an operator is told (once)
    private readonly Dictionary<string, int> _inDoubt = new(StringComparer.Ordinal); // client order id → failed asks
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
            _inDoubt.TryAdd(clientOrderId, 0);
            _askingInDoubt ??= this.RegisterGrainTimer(AskInDoubtAsync,
                new GrainTimerCreationOptions(AskInDoubtEvery, AskInDoubtEvery) { KeepAlive = true, Interleave = true });
            Logger.LogWarning(e, "Account {Account}: placing order {Order} failed without an answer; asking the order until it says whether it was placed",
                Key, clientOrderId);
            throw;
        }
    }

    private async Task AskInDoubtAsync(CancellationToken _)
    {
        var asked = _inDoubt.Keys.ToList();
        var answers = await Task.WhenAll(asked.Select(AskAsync));
        for (var i = 0; i < asked.Count; i++)
        {
            // Only this loop removes from the set, and a timer's turns never overlap: every order asked is still in it.
            if (!answers[i].Answered)
            {
                if (++_inDoubt[asked[i]] == InDoubtAsksToWarn)
                    Logger.LogWarning("Account {Account}: order {Order} has not said for {Asks} s whether it was placed; still asking every {Every}",
                        Key, asked[i], InDoubtAsksToWarn, AskInDoubtEvery);
                continue;
            }
            _inDoubt.Remove(asked[i]);
            if (answers[i].Value is not { } view || !Absorb(view))
                continue;
            Tell(view); // its owner never heard of it: now they do
            TellIfDenied(view);
        }
        if (_inDoubt.Count == 0)
        {
            _askingInDoubt?.Dispose();
            _askingInDoubt = null;
        }
    }

    private async Task<BoundedAnswer<OrderView?>> AskAsync(string clientOrderId)
    {
        var asked = await BoundedCall.WithinAsync(() => OrderGrain(clientOrderId).GetAsync(), InDoubtAnswerWithin);
        if (!asked.Answered)
            Logger.LogDebug(asked.Failure, "Account {Account}: order {Order} still cannot say whether it was placed", Key, clientOrderId);
        return asked;
    }
}
