using Onnx;

namespace Plan2.Ml.Training.Onnx;

/// <summary>Constant tensors (initializers, Constant-node values), row-major.</summary>
public static class OnnxTensors
{
    public static TensorProto Float(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var t = Create(name, TensorProto.Types.DataType.Float, values.Length, dims);
        t.FloatData.AddRange(values.ToArray());
        return t;
    }

    public static TensorProto Int64(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var t = Create(name, TensorProto.Types.DataType.Int64, values.Length, dims);
        t.Int64Data.AddRange(values.ToArray());
        return t;
    }

    private static TensorProto Create(string name, TensorProto.Types.DataType type, int count, long[] dims)
    {
        // A shape that disagrees with the data only fails later, inside the runtime, with a vaguer message.
        var expected = dims.Aggregate(1L, (a, d) => a * d);
        if (expected != count)
            throw new ArgumentException($"Tensor '{name}' has {count} values but shape [{string.Join(", ", dims)}] needs {expected}.");
        var t = new TensorProto { Name = name, DataType = (int)type };
        t.Dims.AddRange(dims);
        return t;
    }
}
