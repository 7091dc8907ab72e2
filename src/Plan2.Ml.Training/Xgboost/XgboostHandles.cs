using System.Runtime.InteropServices;

namespace Plan2.Ml.Training.Xgboost;

/// <summary>Owns a libxgboost DMatrix so it is freed exactly once, even if a caller forgets.</summary>
internal sealed class DMatrixHandle : SafeHandle
{
    private DMatrixHandle(nint raw) : base(nint.Zero, ownsHandle: true) => SetHandle(raw);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle() => XgboostNative.XGDMatrixFree(handle) == 0;

    /// <summary>Copies the rows into libxgboost (NaN = missing); labels only when training.</summary>
    public static unsafe DMatrixHandle FromData(TabularData data, bool withLabels)
    {
        nint raw;
        fixed (float* x = data.X)
        {
            XgboostNative.Check(
                XgboostNative.XGDMatrixCreateFromMat(x, (ulong)data.Rows, (ulong)data.Features, float.NaN, out raw),
                nameof(XgboostNative.XGDMatrixCreateFromMat));
        }
        var matrix = new DMatrixHandle(raw);
        if (!withLabels) return matrix;
        try
        {
            fixed (float* y = data.Y)
            {
                XgboostNative.Check(
                    XgboostNative.XGDMatrixSetFloatInfo(raw, "label", y, (ulong)data.Rows),
                    nameof(XgboostNative.XGDMatrixSetFloatInfo));
            }
            return matrix;
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }
}

/// <summary>Owns a libxgboost Booster.</summary>
internal sealed class BoosterHandle : SafeHandle
{
    private BoosterHandle(nint raw) : base(nint.Zero, ownsHandle: true) => SetHandle(raw);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle() => XgboostNative.XGBoosterFree(handle) == 0;

    /// <summary>A booster that caches predictions for <paramref name="matrices"/> (train first).</summary>
    public static unsafe BoosterHandle Create(params DMatrixHandle[] matrices)
    {
        var raw = matrices.Select(m => m.DangerousGetHandle()).ToArray();
        nint booster;
        fixed (nint* p = raw)
        {
            XgboostNative.Check(XgboostNative.XGBoosterCreate(p, (ulong)raw.Length, out booster), nameof(XgboostNative.XGBoosterCreate));
        }
        // The booster holds its own references to the matrices; ours only had to live through the call.
        GC.KeepAlive(matrices);
        return new BoosterHandle(booster);
    }

    public void SetParam(string name, string value)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        XgboostNative.Check(XgboostNative.XGBoosterSetParam(handle, name, value), $"XGBoosterSetParam({name}={value})");
    }

    public void UpdateOneIter(int iteration, DMatrixHandle train)
    {
        // A freed booster pointer would crash the process instead of throwing.
        ObjectDisposedException.ThrowIf(IsClosed, this);
        XgboostNative.Check(
            XgboostNative.XGBoosterUpdateOneIter(handle, iteration, train.DangerousGetHandle()),
            nameof(XgboostNative.XGBoosterUpdateOneIter));
        GC.KeepAlive(train);
    }

    /// <summary>Transformed predictions (P(label = 1) for binary:logistic) from all trees.</summary>
    public unsafe float[] Predict(DMatrixHandle matrix)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        XgboostNative.Check(
            XgboostNative.XGBoosterPredict(handle, matrix.DangerousGetHandle(), 0, 0, 0, out var length, out var result),
            nameof(XgboostNative.XGBoosterPredict));
        GC.KeepAlive(matrix);
        // The buffer belongs to the booster and is reused by its next call: copy now.
        return new ReadOnlySpan<float>(result, checked((int)length)).ToArray();
    }

    /// <summary>A new booster with the trees of rounds [0, rounds).</summary>
    public BoosterHandle SliceFirst(int rounds)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        XgboostNative.Check(XgboostNative.XGBoosterSlice(handle, 0, rounds, 1, out var sliced), nameof(XgboostNative.XGBoosterSlice));
        return new BoosterHandle(sliced);
    }

    public unsafe byte[] SaveJson()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        XgboostNative.Check(
            XgboostNative.XGBoosterSaveModelToBuffer(handle, "{\"format\":\"json\"}", out var length, out var buffer),
            nameof(XgboostNative.XGBoosterSaveModelToBuffer));
        return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
    }
}
