using System.Buffers.Binary;
using System.Diagnostics;
using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Cli.Bench;

/// <summary>
/// The ceiling ratio_to_bare is measured against: the same ticks as TICKS frames, decoded and then run
/// through the same <see cref="InstrumentEngine"/> the grain uses (validation, M1–D1 candles, 10
/// indicators per close), one instrument after another in one thread: no socket, no grains, no storage.
/// </summary>
internal static class IngestBareLoop
{
    public const string Definition = "ticks_per_second (loopback socket, bridge, InstrumentGrains, no storage; median round) divided by " +
        "bare_ticks_per_second (the fastest round): the same TICKS frames decoded, validated and applied to an InstrumentEngine (M1-D1 candles, " +
        "10 indicators per close) in one thread, no socket, no grains, no storage; the range is the slowest and fastest end-to-end round against that";

    private const int Batch = 4096; // as the bench's terminal sends them

    /// <summary>Each series as the TICKS frames the terminal would send, built once so that no round times their making.</summary>
    public static List<byte[]>[] Frames(IReadOnlyList<IngestBench.Series> data) => data.Select(series => Frames(series, Batch)).ToArray();

    /// <summary>Ticks per second through the loop over <paramref name="frames"/>, from fresh engines (one per series), and the CPU time it took.</summary>
    public static (double Rate, TimeSpan Cpu) Run(List<byte[]>[] frames, TimeProvider clock)
    {
        var engines = frames.Select((_, i) => new InstrumentEngine($"BARE{i}", TickValidationOptions.Default, clock)).ToArray();
        var buffers = new Buffers();
        long total = 0, taken = 0;
        var cpu = ProcessorTime.OfSelf();
        var watch = Stopwatch.StartNew();
        for (var s = 0; s < frames.Length; s++)
            foreach (var frame in frames[s])
            {
                var (count, accepted) = Apply(frame, engines[s], buffers);
                total += count;
                taken += accepted;
            }
        var rate = total / watch.Elapsed.TotalSeconds;
        cpu = ProcessorTime.OfSelf() - cpu;
        if (taken != total)
            throw new InvalidOperationException($"The bare loop rejected {total - taken} of {total} ticks.");
        return (rate, cpu);
    }

    private sealed class Buffers
    {
        public readonly long[] Times = new long[Batch];
        public readonly double[] Bids = new double[Batch], Asks = new double[Batch];
        public readonly List<Tick> Accepted = new(Batch);
        public readonly List<BarClose> Closes = [];
    }

    /// <summary>
    /// One frame decoded and applied: a method of its own, called per frame, so that tiered compilation optimises it
    /// as it does the grain's path (one loop over every frame stayed in on-stack-replaced code whose speed varied
    /// from process to process: 42 or 70 ns a tick).
    /// </summary>
    private static (int Count, int Taken) Apply(byte[] frame, InstrumentEngine engine, Buffers b)
    {
        if (!FrameHeader.TryRead(frame, out var header) || header.Type != BridgeMessageType.Ticks)
            throw new InvalidOperationException("bad frame");
        var payload = frame.AsSpan(BridgeProtocol.HeaderSize, header.PayloadLength);
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        for (var k = 0; k < count; k++)
        {
            var record = payload.Slice(BridgeProtocol.TicksPreambleSize + k * BridgeProtocol.TickRecordSize);
            b.Times[k] = BinaryPrimitives.ReadInt64LittleEndian(record);
            b.Bids[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[8..]);
            b.Asks[k] = BinaryPrimitives.ReadDoubleLittleEndian(record[16..]);
        }
        b.Accepted.Clear();
        b.Closes.Clear();
        return (count, engine.Apply(b.Times.AsSpan(0, count), b.Bids.AsSpan(0, count), b.Asks.AsSpan(0, count), b.Accepted, b.Closes));
    }

    private static List<byte[]> Frames(IngestBench.Series series, int batch)
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < series.Times.Length; i += batch)
        {
            var n = Math.Min(batch, series.Times.Length - i);
            var frame = new byte[BridgeProtocol.HeaderSize + BridgeProtocol.TicksPayloadSize(n)];
            FrameHeader.Write(frame, BridgeMessageType.Ticks, BridgeProtocol.TicksPayloadSize(n), (ulong)frames.Count + 1);
            var payload = frame.AsSpan(BridgeProtocol.HeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(payload[4..], (uint)n);
            BinaryPrimitives.WriteInt64LittleEndian(payload[8..], i + 1);
            for (var k = 0; k < n; k++)
            {
                var record = payload.Slice(BridgeProtocol.TicksPreambleSize + k * BridgeProtocol.TickRecordSize);
                BinaryPrimitives.WriteInt64LittleEndian(record, series.Times[i + k]);
                BinaryPrimitives.WriteDoubleLittleEndian(record[8..], series.Bids[i + k]);
                BinaryPrimitives.WriteDoubleLittleEndian(record[16..], series.Asks[i + k]);
            }
            frames.Add(frame);
        }
        return frames;
    }
}
