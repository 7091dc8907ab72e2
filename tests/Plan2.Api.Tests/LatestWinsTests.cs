using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Plan2.Api.Streaming;

namespace Plan2.Api.Tests;

/// <summary>
/// The per-connection quote writer of the hub over a real pipe (SignalR's connections write into one): a reader
/// that keeps up gets every quote in order; one that lags gets what was written before its buffer filled and
/// then the newest quote, not the stale ones in between.
/// </summary>
public class LatestWinsTests
{
    [Fact]
    public async Task ReaderKeepsUp_EveryQuoteArrives_InOrder()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false)); // never pauses
        var writer = new LatestWins<byte[]>(m => WriteAsync(pipe.Writer, m));

        for (var i = 0; i < 1000; i++)
            writer.Offer(Quote(i));
        await pipe.Writer.CompleteAsync();

        Assert.Equal(Enumerable.Range(0, 1000).Select(Text), await ReadAllAsync(pipe.Reader));
        Assert.Equal(0, writer.Replaced);
    }

    [Fact]
    public async Task ReaderLags_GetsTheNewestQuote_InsteadOfEveryStaleOne()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 40, resumeWriterThreshold: 20, useSynchronizationContext: false));
        var writer = new LatestWins<byte[]>(m => WriteAsync(pipe.Writer, m));

        for (var i = 0; i < 1000; i++) // nobody reads: the fourth quote (48 bytes) passes the threshold, its flush waits
            writer.Offer(Quote(i));
        var quotes = new List<string>();
        while (quotes.LastOrDefault() != Text(999))
        {
            var read = await pipe.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            quotes.AddRange(Split(read.Buffer));
            pipe.Reader.AdvanceTo(read.Buffer.End);
        }

        Assert.Equal([Text(0), Text(1), Text(2), Text(3), Text(999)], quotes);
        Assert.Equal(995, writer.Replaced); // quotes 4 to 998 each gave way to a newer one
    }

    private static async ValueTask WriteAsync(PipeWriter writer, byte[] message)
    {
        writer.Write(message);
        await writer.FlushAsync();
    }

    private static string Text(int i) => $"quote {i:D5};";

    private static byte[] Quote(int i) => Encoding.ASCII.GetBytes(Text(i));

    private static IEnumerable<string> Split(System.Buffers.ReadOnlySequence<byte> buffer) =>
        Encoding.ASCII.GetString(buffer).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => t + ";");

    private static async Task<List<string>> ReadAllAsync(PipeReader reader)
    {
        var all = new List<string>();
        while (true)
        {
            var read = await reader.ReadAsync();
            all.AddRange(Split(read.Buffer));
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
                return all;
        }
    }
}
