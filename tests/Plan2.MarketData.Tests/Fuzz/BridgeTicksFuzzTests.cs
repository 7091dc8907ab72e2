using System.Buffers.Binary;
using CsCheck;
using Microsoft.Extensions.Logging;
using Plan2.MarketData.Bridge;
using Plan2.MarketData.Tests.Bridge;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the TICKS decoder through a real connection (it is the connection's own code, reached
/// only over the wire): every random or mutated payload is either delivered as exactly the ticks it carries, or held
/// back as a gap, or refused with one of the bridge's faults for a rule the payload breaks; never an internal error.
/// Meanwhile another terminal streams on and loses nothing.
/// </summary>
public sealed class BridgeTicksFuzzTests(ITestOutputHelper output)
{
    // Each case is a TCP connection and a handshake: a few milliseconds, so a few hundred keep the test short.
    private const int Cases = 250;
    private const int GoodTicksPerCase = 3;

    // Small limits, so batches over the tick limit and frames over the size limit stay a few KB; the frame limit leaves
    // room above the largest allowed batch, so that a whole batch of too many ticks meets the tick limit first.
    private const int MaxTicks = 64;
    private static readonly int MaxPayload = BridgeProtocol.TicksPayloadSize(MaxTicks) + 512;
    private static readonly string[] Symbols = ["FZA", "FZB", "FZC"];

    private static readonly Gen<double> Price = Gen.Frequency<double>(
        (4, Gen.Double[0.5, 2.0]), (2, Gen.Double.Special), (1, Gen.OneOf(-1.08, 0.0, -0.0, double.NaN, double.NegativeInfinity)), (1, Gen.Double));

    private static readonly Gen<(long, double, double)> Tick = Gen.Select(
        Gen.Frequency<long>((4, Gen.Long[1_700_000_000_000, 1_800_000_000_000]), (1, Gen.Long)), Price, Price);

    private static readonly Gen<byte[]> WellFormed = Gen.Select(
        Gen.Frequency<int>((8, Gen.Int[0, Symbols.Length - 1]), (1, Gen.Int[0, ushort.MaxValue])),
        Gen.Frequency<long>((8, Gen.Const(1L)), (2, Gen.Long[-2, 4]), (1, Gen.Long)),
        Tick.Array[1, 24],
        (index, first, ticks) => WireBytes.Ticks(index, first, ticks).ToArray());

    /// <summary>Byte edits, truncation, appended bytes and a rewritten tick count (0, over the limit, huge).</summary>
    private static readonly Gen<byte[]> Mutated = Gen.Select(WellFormed, Gen.Select(Gen.Int[0, 4], Gen.Int[0, 400], Gen.UInt).Array[1, 4],
        (bytes, edits) =>
        {
            var list = bytes.ToList();
            foreach (var (kind, at, value) in edits)
            {
                var i = at % Math.Max(list.Count, 1);
                switch (kind)
                {
                    case 0 when list.Count > 0: list[i] = (byte)value; break;
                    case 1 when list.Count > 0: list[i] ^= (byte)(1 << (int)(value & 7)); break;
                    case 2: list.RemoveRange(i, list.Count - i); break;
                    case 3: list.AddRange(BitConverter.GetBytes(value).Take(1 + at % 4)); break;
                    case 4 when list.Count >= 8:
                        var count = (value % 4) switch { 0 => 0u, 1 => (uint)MaxTicks + 1 + value % 16, 2 => value, _ => (uint)(at % 30) };
                        BinaryPrimitives.WriteUInt32LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[4..], count);
                        break;
                }
            }
            return list.ToArray();
        });

    /// <summary>A whole batch over the tick limit, and frames over the size limit.</summary>
    private static readonly Gen<byte[]> Oversized = Gen.OneOf(
        Gen.Int[MaxTicks + 1, MaxTicks + 8].Select(n => WireBytes.Ticks(0, 1, Enumerable.Repeat((1_700_000_000_000L, 1.1, 1.2), n).ToArray()).ToArray()),
        Gen.Byte.Array[MaxPayload + 1, MaxPayload + 600]);

    private static readonly Gen<(int Listed, byte[] Payload)> Case = Gen.Select(Gen.Int[1, Symbols.Length],
        Gen.Frequency<byte[]>((5, WellFormed), (3, Mutated), (1, Oversized), (1, Gen.Byte.Array[0, 120])));

    [Fact]
    public async Task RandomAndMutatedTicks_AreDeliveredExactlyOrRefusedWithABridgeFault_WhileAnotherTerminalStreams()
    {
        await using var h = await BridgeHarness.StartAsync(o =>
        {
            o.MaxTicksPerBatch = MaxTicks;
            o.MaxFramePayloadBytes = MaxPayload;
            o.MaxHelloBytes = 1024; // at most the frame limit
        });
        var good = await h.ConnectAsync(h.ClientOptions("GOOD", "EURUSD"));
        long cases = 0, delivered = 0, held = 0, refused = 0;

        await Case.SampleAsync(async c =>
        {
            var n = ++cases; // one thread: the cases share the server's counters
            BridgeHarness.AppendTicks(good, 0, (n - 1) * GoodTicksPerCase + 1, GoodTicksPerCase);
            await good.FlushAsync(CancellationToken.None);
            switch (await RunCaseAsync(h, $"FZ-{n}", (ulong)n, c.Listed, c.Payload, (int)n))
            {
                case Outcome.Delivered: delivered++; break;
                case Outcome.Held: held++; break;
                default: refused++; break;
            }
        }, iter: Cases, threads: 1, print: c => $"{c.Listed} symbols, payload {Convert.ToHexString(c.Payload)}");

        await good.WaitForAckAsync(0, cases * GoodTicksPerCase, CancellationToken.None);
        h.AssertDeliveredExactly("EURUSD", cases * GoodTicksPerCase);
        Assert.False(good.Closed.IsCompleted);
        Assert.Equal(0, h.Totals.FaultCount(BridgeFault.Internal));
        CaseReport.Write(output, "bridge decoder, TICKS payloads through a connection", cases,
            $"{delivered} delivered exactly, {held} held as a gap, {refused} refused with a bridge fault");
    }

    private enum Outcome { Delivered, Held, Refused }

    /// <summary>One terminal: HELLO, the payload as its first TICKS frame, end of input; then what the server made of it.</summary>
    private static async Task<Outcome> RunCaseAsync(BridgeHarness h, string terminal, ulong session, int listed, byte[] payload, int disconnectsAfter)
    {
        var before = Faults(h);
        await using (var peer = await h.RawAsync())
        {
            await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, terminal, session, Symbols[..listed])));
            Assert.Equal((int)BridgeMessageType.Welcome, (await peer.ReadFrameAsync())?.Type);
            await peer.SendAsync(Frame(payload));
            try
            {
                peer.EndSending();
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Already reset by the server (a frame refused on its header).
            }
            // A refused frame may be answered with a reset instead of the REJECT (its bytes unread): the counters tell.
            while (await peer.ReadFrameAsync() is not null) { }
        }
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count >= disconnectsAfter);

        var faults = Faults(h).Where(f => f.Value != before[f.Key]).Select(f => (f.Key, Count: f.Value - before[f.Key])).ToList();
        if (faults.Any(f => f.Key == BridgeFault.Internal))
            Assert.Fail(h.Logger.Entries.Last(e => e.Level == LogLevel.Error).Text); // what escaped, for the shrunk case
        var broken = BrokenRules(payload, listed);
        if (broken.Count > 0)
        {
            var (fault, count) = Assert.Single(faults);
            Assert.Equal(1, count);
            Assert.Contains(fault, broken);
            Assert.Empty(Symbols.SelectMany(s => h.Sink.Ticks(terminal, s)));
            return Outcome.Refused;
        }
        Assert.Empty(faults);
        var first = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(8));
        var symbol = Symbols[BinaryPrimitives.ReadUInt16LittleEndian(payload)];
        var got = h.Sink.Ticks(terminal, symbol).Select(Bits).ToList();
        if (first > 1)
        {
            Assert.Empty(got); // a gap: the server asks for a resend and delivers nothing out of order
            return Outcome.Held;
        }
        Assert.Equal(Sent(payload).Select(Bits), got); // bit for bit: prices are judged by the instrument, not by the bridge
        return Outcome.Delivered;
    }

    /// <summary>The rules of PROTOCOL.md a TICKS payload breaks on a connection whose HELLO listed <paramref name="listed"/> symbols.</summary>
    private static List<BridgeFault> BrokenRules(byte[] p, int listed)
    {
        var broken = new List<BridgeFault>();
        if (p.Length > MaxPayload)
            broken.Add(BridgeFault.FrameTooLarge);
        if (p.Length < BridgeProtocol.TicksPreambleSize)
        {
            broken.Add(BridgeFault.Malformed);
            return broken;
        }
        var count = BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan(4));
        if (BinaryPrimitives.ReadUInt16LittleEndian(p) >= listed)
            broken.Add(BridgeFault.UnknownSymbol);
        if (count is 0 or > MaxTicks)
            broken.Add(BridgeFault.BatchTooLarge);
        if (p.Length != BridgeProtocol.TicksPreambleSize + (long)count * BridgeProtocol.TickRecordSize
            || BinaryPrimitives.ReadInt64LittleEndian(p.AsSpan(8)) < 1)
            broken.Add(BridgeFault.Malformed);
        return broken;
    }

    private static IEnumerable<SentTick> Sent(byte[] p)
    {
        var first = BinaryPrimitives.ReadInt64LittleEndian(p.AsSpan(8));
        for (var i = 0; BridgeProtocol.TicksPayloadSize(i + 1) <= p.Length; i++)
        {
            var record = p.AsSpan(BridgeProtocol.TicksPayloadSize(i), BridgeProtocol.TickRecordSize);
            yield return new SentTick(first + i, BinaryPrimitives.ReadInt64LittleEndian(record),
                BinaryPrimitives.ReadDoubleLittleEndian(record[8..]), BinaryPrimitives.ReadDoubleLittleEndian(record[16..]));
        }
    }

    private static (long, long, long, long) Bits(SentTick t) =>
        (t.Sequence, t.TimeMs, BitConverter.DoubleToInt64Bits(t.Bid), BitConverter.DoubleToInt64Bits(t.Ask));

    private static byte[] Frame(byte[] payload) =>
        WireBytes.Frame((int)BridgeMessageType.Ticks, 2, new WireBytes().Raw(payload));

    private static Dictionary<BridgeFault, long> Faults(BridgeHarness h) =>
        Enum.GetValues<BridgeFault>().ToDictionary(f => f, h.Totals.FaultCount);
}
