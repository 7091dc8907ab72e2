namespace Plan2.Ml.Training;

/// <summary>
/// Rows of features in time order, row-major (<c>X[row * Features + f]</c>), with 0/1 labels (1 = the
/// price rose over the horizon). Missing feature values are NaN.
/// </summary>
public sealed record TabularData(float[] X, int Rows, int Features, float[] Y)
{
    public ReadOnlySpan<float> Row(int i) => X.AsSpan(i * Features, Features);
}

/// <summary>
/// Windows of consecutive feature vectors for sequence models: <c>X[(row * Steps + step) * Features + f]</c>,
/// step 0 the oldest, the last step the bar whose next move is labelled in <see cref="Y"/>.
/// </summary>
public sealed record SequenceData(float[] X, int Rows, int Steps, int Features, float[] Y);
