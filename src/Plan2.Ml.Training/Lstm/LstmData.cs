namespace Plan2.Ml.Training.Lstm;

/// <summary>Shape checks with messages that name the data set, so a wrong window reaches nobody's math.</summary>
internal static class LstmData
{
    public static void Check(SequenceData data, string name, bool needLabels)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Rows <= 0 || data.Steps <= 0 || data.Features <= 0)
            throw new ArgumentException($"{name}: Rows ({data.Rows}), Steps ({data.Steps}) and Features ({data.Features}) must all be positive.", name);
        long expected = (long)data.Rows * data.Steps * data.Features;
        if (data.X.Length != expected)
            throw new ArgumentException($"{name}: X has {data.X.Length} values; Rows {data.Rows} x Steps {data.Steps} x Features {data.Features} = {expected}.", name);
        if (!needLabels) return;
        if (data.Y.Length != data.Rows)
            throw new ArgumentException($"{name}: Y has {data.Y.Length} labels for {data.Rows} rows.", name);
        for (int i = 0; i < data.Y.Length; i++)
            if (data.Y[i] is not (0f or 1f))
                throw new ArgumentException($"{name}: label {i} is {data.Y[i]}; labels must be 0 or 1.", name);
    }

    public static void CheckSameShape(SequenceData expected, SequenceData actual, string name)
    {
        if (actual.Steps != expected.Steps || actual.Features != expected.Features)
            throw new ArgumentException($"{name}: windows are {actual.Steps} steps x {actual.Features} features; expected {expected.Steps} x {expected.Features}.", name);
    }
}
