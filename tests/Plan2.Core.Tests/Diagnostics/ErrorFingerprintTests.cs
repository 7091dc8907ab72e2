using System.Runtime.CompilerServices;
using Plan2.Core.Diagnostics;

namespace Plan2.Core.Tests.Diagnostics;

public class ErrorFingerprintTests
{
    [Fact]
    public void SameBug_DifferentIdsAndAmounts_SameFingerprint()
    {
        var a = ErrorFingerprint.Of(ErrorSample.From(Catch(() => LoadOrder("acme/main", Guid.NewGuid(), 12.5m))));
        var b = ErrorFingerprint.Of(ErrorSample.From(Catch(() => LoadOrder("zeta/hedge", Guid.NewGuid(), 70000m))));

        Assert.Equal(a.Id, b.Id);
        Assert.Equal("Order <guid> of account '<v>' for <n> USD is not known.", a.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, a.ExceptionType);
    }

    [Fact]
    public void SameMessage_DifferentCallSite_DifferentFingerprint()
    {
        var id = Guid.NewGuid();
        var fromLoad = ErrorFingerprint.Of(ErrorSample.From(Catch(() => LoadOrder("acme/main", id, 1m))));
        var fromCancel = ErrorFingerprint.Of(ErrorSample.From(Catch(() => CancelOrder("acme/main", id, 1m))));

        Assert.Equal(fromLoad.Message, fromCancel.Message);
        Assert.NotEqual(fromLoad.Id, fromCancel.Id);
        Assert.Contains(fromLoad.Frames, f => f.EndsWith(".LoadOrder", StringComparison.Ordinal));
        Assert.Contains(fromCancel.Frames, f => f.EndsWith(".CancelOrder", StringComparison.Ordinal));
    }

    [Fact]
    public void DifferentExceptionType_DifferentFingerprint()
    {
        var a = ErrorFingerprint.Of(new ErrorSample("System.ArgumentException", "bad", null));
        var b = ErrorFingerprint.Of(new ErrorSample("System.InvalidOperationException", "bad", null));
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void AsyncFrames_ReadAsTheMethodNotTheStateMachine()
    {
        var e = Catch(() => ThrowAfterAwaitAsync(7).GetAwaiter().GetResult());
        var fingerprint = ErrorFingerprint.Of(ErrorSample.From(e));

        Assert.Equal($"{typeof(ErrorFingerprintTests).FullName}.ThrowAfterAwaitAsync", fingerprint.Frames[0]);
        Assert.DoesNotContain(fingerprint.Frames, f => f.Contains("MoveNext", StringComparison.Ordinal) || f.Contains('<'));
    }

    [Fact]
    public void ForeignFrames_AreLeftOut_AndAtMostThreeOwnFramesCount()
    {
        const string trace = """
               at System.Collections.Generic.Dictionary`2.get_Item(TKey key)
               at Plan2.Grains.Trading.AccountGrain.<PlaceAsync>d__12.MoveNext() in /src/AccountGrain.cs:line 88
            --- End of stack trace from previous location ---
               at Orleans.Runtime.TaskRequest.Invoke()
               at Plan2.Grains.Trading.AccountGrain.<>c__DisplayClass3_0.<Gather>b__0(Int32 x) in /src/AccountGrain.cs:line 10
               at Plan2.Api.Endpoints.Orders.Place(HttpContext c)
               at Plan2.Api.Endpoints.Orders.Map()
            """;
        var frames = StackFrames.Own(trace, "Plan2.", 3);
        Assert.Equal(["Plan2.Grains.Trading.AccountGrain.PlaceAsync", "Plan2.Grains.Trading.AccountGrain.Gather", "Plan2.Api.Endpoints.Orders.Place"], frames);
    }

    [Fact]
    public void LineNumbers_DoNotChangeTheFingerprint()
    {
        var a = ErrorFingerprint.Of(new ErrorSample("X", "m", "   at Plan2.A.B() in /a.cs:line 10"));
        var b = ErrorFingerprint.Of(new ErrorSample("X", "m", "   at Plan2.A.B() in /a.cs:line 42"));
        Assert.Equal(a.Id, b.Id);
    }

    [Fact]
    public void Wrappers_AreLookedThrough()
    {
        var inner = new KeyNotFoundException("no key 42");
        var sample = ErrorSample.From(new AggregateException(new System.Reflection.TargetInvocationException(inner)));
        Assert.Equal(typeof(KeyNotFoundException).FullName, sample.ExceptionType);
        Assert.Equal("no key 42", sample.Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadOrder(string account, Guid order, decimal amount) =>
        throw new InvalidOperationException($"Order {order} of account '{account}' for {amount} USD is not known.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CancelOrder(string account, Guid order, decimal amount) =>
        throw new InvalidOperationException($"Order {order} of account '{account}' for {amount} USD is not known.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ThrowAfterAwaitAsync(int n)
    {
        await Task.Yield();
        throw new InvalidOperationException($"failed after {n}");
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("expected a throw");
    }
}
