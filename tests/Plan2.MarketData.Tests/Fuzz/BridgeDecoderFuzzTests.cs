using CsCheck;
using Plan2.MarketData.Bridge;
using Plan2.MarketData.Tests.Bridge;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the bridge's decoders: random bytes and mutated valid payloads decode or
/// are refused (null), never throw. Case counts are printed for the benchmark report. TICKS is decoded by the
/// connection itself: BridgeTicksFuzzTests fuzzes it over the wire.
/// </summary>
public sealed class BridgeDecoderFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;

    private static readonly (string Name, Func<byte[], object?> Decode)[] Decoders =
    [
        ("frame header", b => FrameHeader.TryRead(b, out var h) ? h : null),
        ("HELLO", b => HelloMessage.Read(b, ushort.MaxValue)),
        ("HEARTBEAT", b => HeartbeatMessage.Read(b)),
        ("CLOCK", b => ClockMessage.Read(b)),
        ("TICKS_LOST", b => TicksLostMessage.Read(b)),
        ("ORDER_RESULT", b => OrderResultMessage.Read(b)),
        ("FILL", b => FillMessage.Read(b)),
        ("TRADE_SNAPSHOT", b => TradeSnapshotMessage.Read(b)),
        ("ORDER", b => OrderCommand.Read(b)),
        ("WELCOME", b => WelcomeMessage.Read(b)),
        ("REJECT", b => RejectMessage.Read(b)),
        ("RESEND_REQUEST", b => ResendRequestMessage.Read(b)),
        ("ACK", b => AckMessage.Read(b)),
        ("FILL v3", b => FillMessage.Read(b, 3)),
        ("ORDER v3", b => OrderCommand.Read(b, 3)),
        ("CANCEL", b => CancelCommand.Read(b)),
        ("MODIFY", b => ModifyCommand.Read(b)),
        ("REQUEST_RESULT", b => RequestResultMessage.Read(b)),
        ("ORDER_EVENT", b => OrderEventMessage.Read(b)),
        ("SNAPSHOT_REQUEST", b => SnapshotRequestMessage.Read(b)),
    ];

    [Fact]
    public void RandomBytes_EveryDecoder_DecodesOrRefuses_NeverThrows()
    {
        long cases = 0;
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            foreach (var (_, decode) in Decoders)
                decode(bytes);
            Interlocked.Increment(ref cases);
        }, iter: Cases);
        Report($"random payloads × {Decoders.Length} decoders", cases);
        Assert.Equal(Cases, cases);
    }

    [Fact]
    public void MutatedValidHello_DecodesOrRefuses_NeverThrows_AndTheUnmutatedOneRoundTrips()
    {
        var valid = WireBytes.Hello(BridgeHarness.Token, "login@server", 7, "EURUSD", "XAUUSD", "US30").ToArray();
        var decoded = HelloMessage.Read(valid, ushort.MaxValue);
        Assert.NotNull(decoded);
        Assert.Equal(["EURUSD", "XAUUSD", "US30"], decoded.Symbols);
        Assert.Equal("login@server", decoded.TerminalId);

        long cases = 0;
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, 3]);
        mutation.Array[1, 8].Sample(edits =>
        {
            var bytes = (byte[])valid.Clone();
            var length = bytes.Length;
            foreach (var (at, value, kind) in edits)
            {
                if (kind == 3)
                    length = Math.Min(length, at); // truncation
                else
                    bytes[at] = kind == 0 ? value : (byte)(bytes[at] ^ (1 << (value & 7)));
            }
            if (HelloMessage.Read(bytes.AsSpan(0, length), ushort.MaxValue) is { } hello)
                Assert.True(hello.Symbols.Count <= ushort.MaxValue);
            Interlocked.Increment(ref cases);
        }, iter: Cases);
        Report("mutated HELLO payloads", cases);
    }

    private void Report(string what, long cases)
    {
        var line = $"fuzz: bridge decoder, {what}: {cases} cases, no exception";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
