using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// The LSTM's matrix kernels, blocked for registers: sixteen gate columns (four Vector256) accumulate over
/// all inputs before one store, instead of a load and store of the gate row per input. A scalar loop takes
/// the columns left when 4H is not a multiple of 16 (or when Vector256 is not accelerated).
/// </summary>
internal static class LstmKernels
{
    /// <summary>z = b + Σk x[k]·w[k,:] + Σk h[k]·r[k,:], rows of length z.Length; the gate pre-activations of one step.</summary>
    public static void GateInputs(ReadOnlySpan<double> b, ReadOnlySpan<double> x, ReadOnlySpan<double> w,
        ReadOnlySpan<double> h, ReadOnlySpan<double> r, Span<double> z)
    {
        int g = z.Length;
        if (b.Length != g || w.Length != x.Length * g || r.Length != h.Length * g)
            throw new ArgumentException("GateInputs: inconsistent lengths.");
        ref double wr = ref MemoryMarshal.GetReference(w), rr = ref MemoryMarshal.GetReference(r);
        ref double br = ref MemoryMarshal.GetReference(b), zr = ref MemoryMarshal.GetReference(z);
        int col = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; col + 16 <= g; col += 16)
            {
                nuint c = (nuint)col;
                var a0 = Vector256.LoadUnsafe(ref br, c); var a1 = Vector256.LoadUnsafe(ref br, c + 4);
                var a2 = Vector256.LoadUnsafe(ref br, c + 8); var a3 = Vector256.LoadUnsafe(ref br, c + 12);
                for (int k = 0; k < x.Length; k++)
                {
                    var s = Vector256.Create(x[k]);
                    nuint o = (nuint)(k * g) + c;
                    a0 += s * Vector256.LoadUnsafe(ref wr, o); a1 += s * Vector256.LoadUnsafe(ref wr, o + 4);
                    a2 += s * Vector256.LoadUnsafe(ref wr, o + 8); a3 += s * Vector256.LoadUnsafe(ref wr, o + 12);
                }
                for (int k = 0; k < h.Length; k++)
                {
                    var s = Vector256.Create(h[k]);
                    nuint o = (nuint)(k * g) + c;
                    a0 += s * Vector256.LoadUnsafe(ref rr, o); a1 += s * Vector256.LoadUnsafe(ref rr, o + 4);
                    a2 += s * Vector256.LoadUnsafe(ref rr, o + 8); a3 += s * Vector256.LoadUnsafe(ref rr, o + 12);
                }
                a0.StoreUnsafe(ref zr, c); a1.StoreUnsafe(ref zr, c + 4); a2.StoreUnsafe(ref zr, c + 8); a3.StoreUnsafe(ref zr, c + 12);
            }
        }
        for (; col < g; col++)
        {
            double a = b[col];
            for (int k = 0; k < x.Length; k++) a += x[k] * Unsafe.Add(ref wr, k * g + col);
            for (int k = 0; k < h.Length; k++) a += h[k] * Unsafe.Add(ref rr, k * g + col);
            z[col] = a;
        }
    }

    /// <summary>
    /// grad[k, :] += Σt a[t, k]·dz[t, :] for a [T, cols], dz [T, G] and grad [cols, G], row-major: a weight
    /// gradient summed over all steps at once, sixteen columns at a time in registers.
    /// </summary>
    public static void AddOuterProducts(ReadOnlySpan<double> a, int cols, ReadOnlySpan<double> dz, Span<double> grad)
    {
        int rows = a.Length / cols, g = grad.Length / cols;
        if (a.Length != rows * cols || grad.Length != cols * g || dz.Length != rows * g)
            throw new ArgumentException("AddOuterProducts: inconsistent lengths.");
        ref double ar = ref MemoryMarshal.GetReference(a), dr = ref MemoryMarshal.GetReference(dz), gr = ref MemoryMarshal.GetReference(grad);
        for (int k = 0; k < cols; k++)
        {
            int col = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; col + 16 <= g; col += 16)
                {
                    var a0 = Vector256<double>.Zero; var a1 = a0; var a2 = a0; var a3 = a0;
                    for (int t = 0; t < rows; t++)
                    {
                        var s = Vector256.Create(Unsafe.Add(ref ar, t * cols + k));
                        nuint o = (nuint)(t * g + col);
                        a0 += s * Vector256.LoadUnsafe(ref dr, o); a1 += s * Vector256.LoadUnsafe(ref dr, o + 4);
                        a2 += s * Vector256.LoadUnsafe(ref dr, o + 8); a3 += s * Vector256.LoadUnsafe(ref dr, o + 12);
                    }
                    nuint q = (nuint)(k * g + col);
                    (Vector256.LoadUnsafe(ref gr, q) + a0).StoreUnsafe(ref gr, q);
                    (Vector256.LoadUnsafe(ref gr, q + 4) + a1).StoreUnsafe(ref gr, q + 4);
                    (Vector256.LoadUnsafe(ref gr, q + 8) + a2).StoreUnsafe(ref gr, q + 8);
                    (Vector256.LoadUnsafe(ref gr, q + 12) + a3).StoreUnsafe(ref gr, q + 12);
                }
            }
            for (; col < g; col++)
            {
                double sum = 0;
                for (int t = 0; t < rows; t++) sum += Unsafe.Add(ref ar, t * cols + k) * Unsafe.Add(ref dr, t * g + col);
                Unsafe.Add(ref gr, k * g + col) += sum;
            }
        }
    }

    /// <summary>
    /// One step of the cell from activated gates [i | o | f | c] (H each): cell = f·cellPrev + i·c,
    /// tanhCell = tanh(cell), hidden = o·tanhCell.
    /// </summary>
    public static void CellUpdate(ReadOnlySpan<double> gates, ReadOnlySpan<double> cellPrev, Span<double> cell,
        Span<double> tanhCell, Span<double> hidden)
    {
        int h = cell.Length;
        if (gates.Length != 4 * h || cellPrev.Length != h || tanhCell.Length != h || hidden.Length != h)
            throw new ArgumentException("CellUpdate: inconsistent lengths.");
        ref double gr = ref MemoryMarshal.GetReference(gates), pr = ref MemoryMarshal.GetReference(cellPrev);
        ref double cr = ref MemoryMarshal.GetReference(cell), tr = ref MemoryMarshal.GetReference(tanhCell), hr = ref MemoryMarshal.GetReference(hidden);
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= h; j += 4)
            {
                nuint u = (nuint)j, hh = (nuint)h;
                var c = Vector256.LoadUnsafe(ref gr, 2 * hh + u) * Vector256.LoadUnsafe(ref pr, u)
                    + Vector256.LoadUnsafe(ref gr, u) * Vector256.LoadUnsafe(ref gr, 3 * hh + u);
                var tc = VectorMath.Tanh(c);
                c.StoreUnsafe(ref cr, u);
                tc.StoreUnsafe(ref tr, u);
                (Vector256.LoadUnsafe(ref gr, hh + u) * tc).StoreUnsafe(ref hr, u);
            }
        }
        for (; j < h; j++)
        {
            double c = gates[2 * h + j] * cellPrev[j] + gates[j] * gates[3 * h + j];
            cell[j] = c;
            tanhCell[j] = Math.Tanh(c);
            hidden[j] = gates[h + j] * tanhCell[j];
        }
    }
}
