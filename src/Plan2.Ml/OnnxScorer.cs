using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Plan2.Ml;

/// <summary>
/// One ONNX model as the manifest describes it: rows of features in, P(up) out. Sessions are created
/// once and reused (one intra-op thread: serving runs many small calls). Sequence models get windows
/// of consecutive rows, standardised as recorded, NaN → 0.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxScorer(ModelEntry entry, string folder)
    {
        Entry = entry;
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(Path.Combine(folder, entry.File), options);
    }

    public ModelEntry Entry { get; }

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
            Run(new DenseTensor<float>(rows.AsMemory(0, count * features), [count, features]), output, 0);
            return output;
        }
        Array.Fill(output, float.NaN, 0, Math.Min(steps - 1, count));
        const int chunk = 2048;
        for (var start = steps - 1; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            var window = new float[n * steps * features];
            for (var i = 0; i < n; i++)
                for (var s = 0; s < steps; s++)
                    Standardise(rows.AsSpan((start + i - steps + 1 + s) * features, features), window.AsSpan((i * steps + s) * features, features));
            Run(new DenseTensor<float>(window, [n, steps, features]), output, start);
        }
        return output;
    }

    /// <summary>Scores windows already built and standardised: [count, WindowSteps, features].</summary>
    public float[] ScoreWindows(float[] windows, int count, int features)
    {
        var output = new float[count];
        const int chunk = 2048;
        var size = Entry.WindowSteps * features;
        for (var start = 0; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            Run(new DenseTensor<float>(windows.AsMemory(start * size, n * size), [n, Entry.WindowSteps, features]), output, start);
        }
        return output;
    }

    private void Standardise(ReadOnlySpan<float> source, Span<float> target)
    {
        for (var f = 0; f < source.Length; f++)
        {
            var x = Entry.InputMean is { } mean && Entry.InputStd is { } std ? (source[f] - mean[f]) / std[f] : source[f];
            target[f] = float.IsFinite(x) ? x : 0f;
        }
    }

    private void Run(DenseTensor<float> input, float[] output, int offset)
    {
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(Entry.InputName, input)], [Entry.OutputName]);
        var tensor = results[0].AsTensor<float>();
        var n = (int)input.Dimensions[0];
        var perRow = (int)(tensor.Length / n);
        // LightGBM/FastForest give [N] probabilities; a two-column output is [P(down), P(up)].
        for (var i = 0; i < n; i++)
            output[offset + i] = perRow == 1 ? tensor.GetValue(i) : tensor.GetValue(i * perRow + perRow - 1);
    }

    public void Dispose() => _session.Dispose();
}
