using Plan2.Core.Trading.Orders;
using S = Plan2.Core.Trading.Orders.OrderStatus;
using K = Plan2.Core.Trading.Orders.OrderEventKind;

namespace Plan2.Core.Tests.Trading;

/// <summary>
/// The table restated here row by row, independently: every legal move must give its target and
/// every other (status, event) pair must be refused, so an added or lost row fails a test.
/// </summary>
public class OrderStateTableTests
{
    private const S Resume = S.Triggered; // any distinct value proves the row returns the resume status

    private static readonly (S From, K Kind, S To)[] Legal =
    [
        (S.Initialized, K.Deny, S.Denied), (S.Initialized, K.Submit, S.Submitted), (S.Initialized, K.Cancel, S.Canceled),
        (S.Submitted, K.Accept, S.Accepted), (S.Submitted, K.Reject, S.Rejected), (S.Submitted, K.FillPart, S.PartiallyFilled),
        (S.Submitted, K.FillRest, S.Filled), (S.Submitted, K.Cancel, S.Canceled), (S.Submitted, K.Expire, S.Expired),
        (S.Accepted, K.RequestUpdate, S.PendingUpdate), (S.Accepted, K.RequestCancel, S.PendingCancel), (S.Accepted, K.Trigger, S.Triggered),
        (S.Accepted, K.FillPart, S.PartiallyFilled), (S.Accepted, K.FillRest, S.Filled), (S.Accepted, K.Cancel, S.Canceled),
        (S.Accepted, K.Expire, S.Expired),
        (S.Triggered, K.RequestUpdate, S.PendingUpdate), (S.Triggered, K.RequestCancel, S.PendingCancel),
        (S.Triggered, K.FillPart, S.PartiallyFilled), (S.Triggered, K.FillRest, S.Filled), (S.Triggered, K.Cancel, S.Canceled),
        (S.Triggered, K.Expire, S.Expired),
        (S.PartiallyFilled, K.RequestUpdate, S.PendingUpdate), (S.PartiallyFilled, K.RequestCancel, S.PendingCancel),
        (S.PartiallyFilled, K.FillPart, S.PartiallyFilled), (S.PartiallyFilled, K.FillRest, S.Filled),
        (S.PartiallyFilled, K.Cancel, S.Canceled), (S.PartiallyFilled, K.Expire, S.Expired),
        (S.PendingUpdate, K.Update, Resume), (S.PendingUpdate, K.RejectUpdate, Resume), (S.PendingUpdate, K.RequestCancel, S.PendingCancel),
        (S.PendingUpdate, K.Trigger, S.PendingUpdate), (S.PendingUpdate, K.FillPart, S.PendingUpdate), (S.PendingUpdate, K.FillRest, S.Filled),
        (S.PendingUpdate, K.Cancel, S.Canceled), (S.PendingUpdate, K.Expire, S.Expired),
        (S.PendingCancel, K.RejectCancel, Resume), (S.PendingCancel, K.Trigger, S.PendingCancel), (S.PendingCancel, K.FillPart, S.PendingCancel),
        (S.PendingCancel, K.FillRest, S.Filled), (S.PendingCancel, K.Cancel, S.Canceled), (S.PendingCancel, K.Expire, S.Expired),
    ];

    public static TheoryData<S, K, S> LegalMoves()
    {
        var data = new TheoryData<S, K, S>();
        foreach (var (from, kind, to) in Legal) data.Add(from, kind, to);
        return data;
    }

    public static TheoryData<S, K> IllegalMoves()
    {
        var data = new TheoryData<S, K>();
        foreach (var from in Enum.GetValues<S>())
            foreach (var kind in Enum.GetValues<K>())
                if (!Legal.Any(row => row.From == from && row.Kind == kind))
                    data.Add(from, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void TryNext_LegalMove_GoesToItsTarget(S from, K kind, S expected)
    {
        Assert.True(OrderStateTable.TryNext(from, kind, Resume, out var to));
        Assert.Equal(expected, to);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void TryNext_AnyOtherMove_IsRefused(S from, K kind) =>
        Assert.False(OrderStateTable.TryNext(from, kind, Resume, out _));

    [Fact]
    public void IllegalMoves_AllPairs_AreEveryPairOutsideTheTable() =>
        Assert.Equal(Enum.GetValues<S>().Length * Enum.GetValues<K>().Length - Legal.Length, IllegalMoves().Count());

    [Theory]
    [InlineData(S.Filled, K.RequestCancel)]
    [InlineData(S.Denied, K.Submit)]
    [InlineData(S.Initialized, K.Accept)]
    [InlineData(S.Initialized, K.FillRest)]
    [InlineData(S.Canceled, K.FillPart)]
    [InlineData(S.Submitted, K.RequestCancel)]
    [InlineData(S.Accepted, K.Accept)]
    [InlineData(S.Rejected, K.Accept)]
    [InlineData(S.Expired, K.Cancel)]
    [InlineData(S.PendingCancel, K.RequestUpdate)]
    public void TryNext_NamedIllegalMove_IsRefused(S from, K kind) =>
        Assert.False(OrderStateTable.TryNext(from, kind, S.Accepted, out _));

    [Fact]
    public void TryNext_FromClosedStatus_HasNoMoveAtAll()
    {
        foreach (var from in Enum.GetValues<S>().Where(s => s.IsClosed()))
            Assert.DoesNotContain(Legal, row => row.From == from);
        Assert.All(Enum.GetValues<S>().Where(s => s.IsClosed()), s => Assert.False(s.IsWorking()));
    }

    [Fact]
    public void EveryEventKind_HasWordsForARefusal()
    {
        foreach (var kind in Enum.GetValues<OrderEventKind>())
            Assert.NotEqual(kind.ToString(), kind.AsAction());
    }
}
