using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Vector helpers for the LSTM. Lengths are checked once per call and the loops then read through refs:
/// with rows of only 4H = 64 doubles, per-element bounds checks cost as much as the arithmetic.
/// Each has a Vector256 path and a scalar tail for lengths not a multiple of 4.
/// </summary>
internal static class VectorMath
{
    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Axpy: spans differ in length.");
        ref double xr = ref MemoryMarshal.GetReference(x), yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i + 4 <= x.Length; i += 4)
                (Vector256.LoadUnsafe(ref yr, (nuint)i) + va * Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < x.Length; i++) Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Dot: spans differ in length.");
        ref double xr = ref MemoryMarshal.GetReference(x), yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; i + 4 <= x.Length; i += 4) acc += Vector256.LoadUnsafe(ref xr, (nuint)i) * Vector256.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector256.Sum(acc);
        }
        for (; i < x.Length; i++) sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    /// <summary>In place: the first <paramref name="sigmoidCount"/> values through the sigmoid, the rest through tanh.</summary>
    public static void Activate(Span<double> z, int sigmoidCount)
    {
        ref double zr = ref MemoryMarshal.GetReference(z);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= sigmoidCount; i += 4) Sigmoid(Vector256.LoadUnsafe(ref zr, (nuint)i)).StoreUnsafe(ref zr, (nuint)i);
            for (; i < sigmoidCount; i++) z[i] = Sigmoid(z[i]);
            for (; i + 4 <= z.Length; i += 4) Tanh(Vector256.LoadUnsafe(ref zr, (nuint)i)).StoreUnsafe(ref zr, (nuint)i);
        }
        for (; i < sigmoidCount; i++) z[i] = Sigmoid(z[i]);
        for (; i < z.Length; i++) z[i] = Math.Tanh(z[i]);
    }

    public static Vector256<double> Sigmoid(Vector256<double> v) => Vector256<double>.One / (Vector256<double>.One + Vector256.Exp(-v));

    // tanh x = 1 - 2 / (e^2x + 1): exact identity, and e^2x = ∞ still gives 1.
    public static Vector256<double> Tanh(Vector256<double> v) =>
        Vector256<double>.One - Vector256.Create(2.0) / (Vector256.Exp(v + v) + Vector256<double>.One);

    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Binary cross-entropy from the logit, log(1 + e^z) - y z, written so large |z| cannot overflow.</summary>
    public static double LogLossFromLogit(double z, double y) =>
        Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - y * z;
}
