namespace Plan2.Ml.Training.Xgboost;

/// <summary>Shape checks done here so callers get a clear message instead of a native crash or a vague libxgboost error.</summary>
internal static class TabularChecks
{
    public static void Validate(TabularData data, string paramName, bool requireLabels)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.Rows <= 0 || data.Features <= 0)
            throw new ArgumentException($"Rows ({data.Rows}) and Features ({data.Features}) must be positive.", paramName);
        if (data.X is null || (long)data.Rows * data.Features != data.X.LongLength)
            throw new ArgumentException(
                $"X has {data.X?.Length ?? 0} values but Rows × Features = {data.Rows} × {data.Features} = {(long)data.Rows * data.Features}.",
                paramName);
        if (!requireLabels) return;
        if (data.Y is null || data.Y.Length != data.Rows)
            throw new ArgumentException($"Y has {data.Y?.Length ?? 0} labels but there are {data.Rows} rows.", paramName);
        var bad = Array.FindIndex(data.Y, y => y is not (0f or 1f));
        if (bad >= 0)
            throw new ArgumentException($"Y[{bad}] = {data.Y[bad]}; labels must be 0 or 1.", paramName);
    }
}
