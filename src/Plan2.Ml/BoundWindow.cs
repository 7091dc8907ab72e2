using Microsoft.ML.OnnxRuntime;

namespace Plan2.Ml;

/// <summary>
/// One window's input and output buffers bound to a session once (<see cref="OrtIoBinding"/>), so that scoring the latest
/// bar live allocates nothing: no tensors, no result collections, no native output per call. ONNX Runtime computes the
/// same row as with <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue}, IReadOnlyCollection{string})"/>
/// (the same graph on a batch of one). Used by one thread at a time: the caller holds it locked.
/// </summary>
internal sealed class BoundWindow : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input, _output;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _options = new();

    private BoundWindow(InferenceSession session, ModelEntry entry, long[] inputShape, long[] outputShape)
    {
        _session = session;
        Input = new float[inputShape.Aggregate(1L, (a, d) => a * d)];
        Output = new float[outputShape.Aggregate(1L, (a, d) => a * d)];
        _input = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(Output, outputShape);
        _binding = session.CreateIoBinding();
        _binding.BindInput(entry.InputName, _input);
        _binding.BindOutput(entry.OutputName, _output);
    }

    /// <summary>The window's values, written by the caller before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    private float[] Output { get; }

    /// <summary>Buffers for one window of <paramref name="features"/>, or null when the model's output shape is not fixed but for the batch.</summary>
    public static BoundWindow? TryCreate(InferenceSession session, ModelEntry entry, int features)
    {
        if (!session.OutputMetadata.TryGetValue(entry.OutputName, out var output) || output.Dimensions.Length == 0
            || output.Dimensions.Skip(1).Any(d => d <= 0))
            return null;
        long[] input = entry.WindowSteps > 1 ? [1, entry.WindowSteps, features] : [1, features];
        return new BoundWindow(session, entry, input, [1, .. output.Dimensions.Skip(1).Select(d => (long)d)]);
    }

    /// <summary>P(up) of the window in <see cref="Input"/>: the last output value (a two-column output is [P(down), P(up)]).</summary>
    public float Run()
    {
        _session.RunWithBinding(_options, _binding);
        return Output[^1];
    }

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _options.Dispose();
    }
}
