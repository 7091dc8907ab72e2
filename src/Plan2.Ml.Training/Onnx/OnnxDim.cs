namespace Plan2.Ml.Training.Onnx;

/// <summary>One tensor dimension: a fixed size, or a named symbolic one (e.g. "N" for the batch).</summary>
public readonly record struct OnnxDim(long Value, string? Name)
{
    public static implicit operator OnnxDim(long value) => new(value, null);
    public static implicit operator OnnxDim(string name) => new(0, name);
}
