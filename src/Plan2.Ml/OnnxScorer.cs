using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Plan2.Ml;

/// <summary>
/// One ONNX model as the manifest describes it: rows of features in, P(up) out. Sessions are created
/// once and reused (one intra-op thread: serving runs many small calls). Sequence models get windows
/// of consecutive rows, standardised as recorded, NaN → 0, then scaled as the head of their graph would (see
/// <see cref="ServedGraph"/> for what serving leaves out of the exported graphs). Our tree models' and LSTM's graphs are
/// computed in managed code (<see cref="CompiledTrees"/>, <see cref="CompiledLstm"/>), with no session.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession? _session; // null when the model is computed in managed code
    private readonly CompiledTrees? _trees;
    private readonly CompiledLstm? _lstm;

    public OnnxScorer(ModelEntry entry, string folder)
    {
        Entry = entry;
        var served = ServedGraph.Prepare(File.ReadAllBytes(Path.Combine(folder, entry.File)), entry);
        (LastStepOnly, _scaling) = (served.LastStepOnly, served.Scaling);
        var graph = Onnx.ModelProto.Parser.ParseFrom(served.Model).Graph;
        _trees = entry.WindowSteps <= 1 ? CompiledTrees.TryCompile(graph, entry.OutputName) : null;
        // Windows reach Run as [n, steps, schema width]: an LSTM reading another width is left to ONNX Runtime, which refuses it clearly.
        _lstm = entry.WindowSteps > 1 && CompiledLstm.TryCompile(graph, entry.OutputName, entry.WindowSteps) is { } lstm
            && lstm.Inputs == Plan2.Core.Features.FeatureSchema.Count ? lstm : null;
        if (Managed)
            return;
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(served.Model, options, null);
        _latest = BoundWindow.TryCreate(_session, entry, Plan2.Core.Features.FeatureSchema.Count);
    }

    /// <summary>True when the model is scored in managed code (<see cref="CompiledTrees"/>, <see cref="CompiledLstm"/>) instead of ONNX Runtime.</summary>
    public bool Managed => _trees is not null || _lstm is not null;

    private readonly BoundWindow? _latest;
    private readonly InputScaling? _scaling; // the sequence graph's own scaling, applied here once a row (null: the graph has it)

    /// <summary>
    /// P(up) of one window (the last WindowSteps rows, oldest first, <see cref="Plan2.Core.Features.FeatureSchema"/> wide): what
    /// <see cref="Score"/> gives for its last row, through buffers bound once (no allocation). A registry's scorers are shared
    /// by every predictor of a silo: a call that finds the buffers taken by another thread scores the window the ordinary way.
    /// </summary>
    public float ScoreLatest(ReadOnlySpan<float> window)
    {
        var features = Plan2.Core.Features.FeatureSchema.Count;
        var steps = Math.Max(1, Entry.WindowSteps);
        if (window.Length != steps * features)
            throw new ArgumentException($"{Entry.Name} reads {steps} rows of {features} values, not {window.Length} values.", nameof(window));
        if (_trees is not null)
        {
            Span<float> one = stackalloc float[1];
            _trees.Score(window, features, one);
            return one[0];
        }
        if (_lstm is not null)
        {
            Span<float> scaled = stackalloc float[window.Length];
            Span<float> one = stackalloc float[1];
            Standardise(window, scaled, features);
            _lstm.Score(scaled, one);
            return one[0];
        }
        if (_latest is { } bound && Monitor.TryEnter(bound))
        {
            try
            {
                if (steps > 1)
                    Standardise(window, bound.Input, features);
                else
                    window.CopyTo(bound.Input); // trees read rows as they are, as in Score
                return bound.Run();
            }
            finally { Monitor.Exit(bound); }
        }
        return Score(window.ToArray(), steps, features)[steps - 1];
    }

    public ModelEntry Entry { get; }

    /// <summary>True when the Transformer's graph was rewritten to compute its last step only.</summary>
    public bool LastStepOnly { get; }

    /// <summary>Windows per ONNX call: small enough that a sequence model's intermediate tensors stay in cache
    /// (2,048 windows ran the LSTM and Transformer about half as fast per row; 128 about 10 % faster than 512);
    /// a row's score does not depend on it.</summary>
    private const int Chunk = 128;

    /// <summary>Rows per ONNX call for a tree model. On real feature rows (consecutive bars, which walk much the same
    /// paths) ONNX Runtime's tree ensembles get cheaper a row up to a few hundred rows a call: LightGBM 1.39 µs a row at
    /// 64 rows, 1.11 at 256; XGBoost 0.71 → 0.57; the random forest 1.98 → 1.65. (Random rows rank the sizes otherwise and
    /// are no guide.) A row scores the same bits at 256 rows a call as alone (tested: the live path scores one window);
    /// a 300-row call changed the last bit of some.</summary>
    private const int RowChunk = 256;

    private int ChunkSize => Entry.WindowSteps > 1 ? Chunk : RowChunk;

    /// <summary>
    /// Scores <paramref name="rows"/> (row-major, <paramref name="features"/> per row). For a sequence
    /// model each output i uses rows i-steps+1 … i; the first steps-1 outputs are NaN.
    /// </summary>
    public float[] Score(float[] rows, int count, int features)
    {
        var steps = Entry.WindowSteps;
        var output = new float[count];
        if (steps <= 1)
        {
            for (var start = 0; start < count; start += RowChunk)
            {
                var n = Math.Min(RowChunk, count - start);
                Run(new DenseTensor<float>(rows.AsMemory(start * features, n * features), [n, features]), output, start);
            }
            return output;
        }
        Array.Fill(output, float.NaN, 0, Math.Min(steps - 1, count));
        if (count < steps)
            return output;
        // Each row standardised once: a window is then a contiguous run of standardised rows, copied whole
        // (the same arithmetic per value as standardising it inside every window it falls in).
        var standard = ArrayPool<float>.Shared.Rent(count * features);
        var size = steps * features;
        var window = ArrayPool<float>.Shared.Rent(Math.Min(Chunk, count - steps + 1) * size);
        try
        {
            Standardise(rows.AsSpan(0, count * features), standard.AsSpan(0, count * features), features);
            for (var start = steps - 1; start < count; start += Chunk)
            {
                var n = Math.Min(Chunk, count - start);
                for (var i = 0; i < n; i++)
                    standard.AsSpan((start + i - steps + 1) * features, size).CopyTo(window.AsSpan(i * size, size));
                Run(new DenseTensor<float>(window.AsMemory(0, n * size), [n, steps, features]), output, start);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(window);
            ArrayPool<float>.Shared.Return(standard);
        }
        return output;
    }

    /// <summary>
    /// Scores only the rows (windows) ending at <paramref name="ends"/> (ascending indexes into <paramref name="rows"/>, each at least
    /// WindowSteps-1): the same values as <see cref="Score"/> gives at those indexes.
    /// </summary>
    public float[] ScoreAt(float[] rows, int count, int features, ReadOnlySpan<int> ends)
    {
        var steps = Math.Max(1, Entry.WindowSteps);
        var output = new float[ends.Length];
        if (ends.Length == 0)
            return output;
        var size = steps * features;
        var standard = ArrayPool<float>.Shared.Rent(count * features);
        var chunk = ChunkSize;
        var window = ArrayPool<float>.Shared.Rent(Math.Min(chunk, ends.Length) * size);
        try
        {
            if (steps > 1)
                Standardise(rows.AsSpan(0, count * features), standard.AsSpan(0, count * features), features);
            var source = steps > 1 ? standard : rows; // tree models read rows as they are, as in Score
            for (var start = 0; start < ends.Length; start += chunk)
            {
                var n = Math.Min(chunk, ends.Length - start);
                for (var i = 0; i < n; i++)
                    source.AsSpan((ends[start + i] - steps + 1) * features, size).CopyTo(window.AsSpan(i * size, size));
                var shape = steps > 1 ? new[] { n, steps, features } : [n, features];
                Run(new DenseTensor<float>(window.AsMemory(0, n * size), shape), output, start);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(window);
            ArrayPool<float>.Shared.Return(standard);
        }
        return output;
    }

    /// <summary>Scores windows already built and standardised: [count, WindowSteps, features].</summary>
    public float[] ScoreWindows(float[] windows, int count, int features)
    {
        var output = new float[count];
        const int chunk = Chunk;
        var size = Entry.WindowSteps * features;
        var scaled = _scaling is null ? null : ArrayPool<float>.Shared.Rent(Math.Min(chunk, count) * size);
        try
        {
            for (var start = 0; start < count; start += chunk)
            {
                var n = Math.Min(chunk, count - start);
                var values = windows.AsMemory(start * size, n * size);
                if (scaled is not null)
                {
                    values.Span.CopyTo(scaled); // the graph's own scaling, which serving applies outside it
                    _scaling!.Apply(scaled.AsSpan(0, n * size));
                    values = scaled.AsMemory(0, n * size);
                }
                Run(new DenseTensor<float>(values, [n, Entry.WindowSteps, features]), output, start);
            }
        }
        finally
        {
            if (scaled is not null)
                ArrayPool<float>.Shared.Return(scaled);
        }
        return output;
    }

    /// <summary>Rows of <paramref name="features"/> values standardised as recorded (none recorded: as they are), NaN → 0.</summary>
    private void Standardise(ReadOnlySpan<float> source, Span<float> target, int features)
    {
        var (mean, std) = (Entry.InputMean, Entry.InputStd);
        if (mean is null || std is null)
        {
            for (var i = 0; i < source.Length; i++)
                target[i] = float.IsFinite(source[i]) ? source[i] : 0f;
        }
        else
        {
            // Row by row: the same float arithmetic per value, without a division (i % features) per value to find its column.
            for (var row = 0; row < source.Length; row += features)
                for (var f = 0; f < features; f++)
                {
                    var x = (source[row + f] - mean[f]) / std[f];
                    target[row + f] = float.IsFinite(x) ? x : 0f;
                }
        }
        _scaling?.Apply(target[..source.Length]);
    }

    private void Run(DenseTensor<float> input, float[] output, int offset)
    {
        var n = (int)input.Dimensions[0];
        if (_trees is not null)
        {
            _trees.Score(input.Buffer.Span, input.Dimensions[^1], output.AsSpan(offset, n));
            return;
        }
        if (_lstm is not null)
        {
            _lstm.Score(input.Buffer.Span, output.AsSpan(offset, n));
            return;
        }
        // The input as an OrtValue over the caller's buffer and the output read in place: the same graph on the same
        // values as through NamedOnnxValue, without the wrapper objects and the output's copy into a managed tensor each call.
        var shape = new long[input.Dimensions.Length];
        for (var d = 0; d < shape.Length; d++)
            shape[d] = input.Dimensions[d];
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.Buffer, shape);
        using var results = _session!.Run(RunOptions, [Entry.InputName], [value], [Entry.OutputName]);
        var tensor = results[0].GetTensorDataAsSpan<float>();
        var perRow = tensor.Length / n;
        // LightGBM/FastForest give [N] probabilities; a two-column output is [P(down), P(up)].
        for (var i = 0; i < n; i++)
            output[offset + i] = tensor[i * perRow + perRow - 1];
    }

    // Options only (no run is ever terminated through them): one instance serves every thread's calls.
    private static readonly RunOptions RunOptions = new();

    public void Dispose()
    {
        _latest?.Dispose();
        _session?.Dispose();
    }
}
