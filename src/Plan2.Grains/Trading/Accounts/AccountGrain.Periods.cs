using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Accounts;

namespace Plan2.Grains.Trading.Accounts;

// The P&L of a day, week or month: what the booked fills realised in it (filled as they are absorbed, live and on rebuild).
public sealed partial class AccountGrain
{
    private readonly RealizedByDay _realizedByDay = new();

    public Task<PeriodPnlView?> GetPeriodPnlAsync(DateTimeOffset from)
    {
        if (_ledger is null)
            return Task.FromResult<PeriodPnlView?>(null);
        var t = _realizedByDay.Since(from);
        return Task.FromResult<PeriodPnlView?>(new PeriodPnlView(from, t.Realized, t.Commission, t.Fills));
    }
}
