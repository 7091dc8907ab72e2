using System.Runtime.CompilerServices;

using Plan2.ClickHouseFront;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>libchdb takes over the fault signals the .NET runtime relies on; the fixture must hand them back.
/// Measured without that: this test hangs the faulting thread (hence the timeout, on another thread).</summary>
[Collection(ChDbCollection.Name)]
public sealed class ChDbSignalTests(ChDbFixture engine)
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LengthOf(string? text) => text!.Length;

    [Fact]
    public async Task AfterTheEngineStarted_ANullDereference_IsStillAManagedException()
    {
        Assert.NotNull(engine.Engine);

        var probe = Task.Run(() => Record.Exception(() => LengthOf(null)));

        Assert.IsType<NullReferenceException>(await probe.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
