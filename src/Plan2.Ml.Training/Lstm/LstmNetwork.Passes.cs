namespace Plan2.Ml.Training.Lstm;

public sealed partial class LstmNetwork
{
    /// <summary>Runs the window in <see cref="LstmWorkspace.Input"/>, keeps what backward needs, returns the logit of P(up).</summary>
    public double Forward(LstmWorkspace ws)
    {
        int h = Hidden, g4 = 4 * h, f = Features, steps = ws.Steps;
        ReadOnlySpan<double> w = Parameters.AsSpan(InputWeights.Offset, InputWeights.Length);
        ReadOnlySpan<double> r = Parameters.AsSpan(RecurrentWeights.Offset, RecurrentWeights.Length);
        ReadOnlySpan<double> b = Parameters.AsSpan(GateBias.Offset, GateBias.Length);
        Span<double> z = ws.Z;
        double[] cell = ws.Cell, hid = ws.HiddenState, gates = ws.Gates, tanhCell = ws.TanhCell;
        for (int t = 0; t < steps; t++)
        {
            b.CopyTo(z);
            ReadOnlySpan<double> x = ws.InputBuffer.AsSpan(t * f, f);
            for (int k = 0; k < f; k++) VectorMath.Axpy(x[k], w.Slice(k * g4, g4), z);
            if (t > 0)
            {
                ReadOnlySpan<double> hPrev = hid.AsSpan(t * h, h);
                for (int k = 0; k < h; k++) VectorMath.Axpy(hPrev[k], r.Slice(k * g4, g4), z);
            }
            int gt = t * g4;
            for (int j = 0; j < h; j++)
            {
                double i = VectorMath.Sigmoid(z[j]);
                double o = VectorMath.Sigmoid(z[h + j]);
                double fg = VectorMath.Sigmoid(z[2 * h + j]);
                double c = Math.Tanh(z[3 * h + j]);
                gates[gt + j] = i;
                gates[gt + h + j] = o;
                gates[gt + 2 * h + j] = fg;
                gates[gt + 3 * h + j] = c;
                double cellNew = fg * cell[t * h + j] + i * c;
                double tc = Math.Tanh(cellNew);
                cell[(t + 1) * h + j] = cellNew;
                tanhCell[t * h + j] = tc;
                hid[(t + 1) * h + j] = o * tc;
            }
        }
        return Parameters[OutputBias.Offset]
            + VectorMath.Dot(Parameters.AsSpan(OutputWeights.Offset, h), hid.AsSpan(steps * h, h));
    }

    /// <summary>
    /// Backpropagation through time of the last <see cref="Forward"/> on <paramref name="ws"/>: adds
    /// <paramref name="dLogit"/> times the gradient of the logit to <paramref name="gradient"/> (accumulates, does not clear).
    /// </summary>
    public void Backward(LstmWorkspace ws, double dLogit, Span<double> gradient)
    {
        if (gradient.Length != Parameters.Length)
            throw new ArgumentException($"gradient has length {gradient.Length}, the network has {Parameters.Length} parameters.", nameof(gradient));
        int h = Hidden, g4 = 4 * h, f = Features, steps = ws.Steps;
        ReadOnlySpan<double> r = Parameters.AsSpan(RecurrentWeights.Offset, RecurrentWeights.Length);
        ReadOnlySpan<double> v = Parameters.AsSpan(OutputWeights.Offset, h);
        Span<double> gw = gradient.Slice(InputWeights.Offset, InputWeights.Length);
        Span<double> gr = gradient.Slice(RecurrentWeights.Offset, RecurrentWeights.Length);
        Span<double> gb = gradient.Slice(GateBias.Offset, GateBias.Length);
        double[] cell = ws.Cell, hid = ws.HiddenState, gates = ws.Gates, tanhCell = ws.TanhCell;
        Span<double> dz = ws.DZ, dh = ws.DH, dc = ws.DC;

        VectorMath.Axpy(dLogit, hid.AsSpan(steps * h, h), gradient.Slice(OutputWeights.Offset, h));
        gradient[OutputBias.Offset] += dLogit;
        for (int j = 0; j < h; j++) { dh[j] = dLogit * v[j]; dc[j] = 0; }

        for (int t = steps - 1; t >= 0; t--)
        {
            int gt = t * g4;
            for (int j = 0; j < h; j++)
            {
                double i = gates[gt + j], o = gates[gt + h + j], fg = gates[gt + 2 * h + j], c = gates[gt + 3 * h + j];
                double tc = tanhCell[t * h + j];
                // The cell gradient arrives both from the next step (dc) and through h = o * tanh(cell).
                double dCell = dc[j] + dh[j] * o * (1 - tc * tc);
                dz[j] = dCell * c * i * (1 - i);
                dz[h + j] = dh[j] * tc * o * (1 - o);
                dz[2 * h + j] = dCell * cell[t * h + j] * fg * (1 - fg);
                dz[3 * h + j] = dCell * i * (1 - c * c);
                dc[j] = dCell * fg;
            }
            for (int k = 0; k < g4; k++) gb[k] += dz[k];
            ReadOnlySpan<double> x = ws.InputBuffer.AsSpan(t * f, f);
            for (int k = 0; k < f; k++) VectorMath.Axpy(x[k], dz, gw.Slice(k * g4, g4));
            if (t == 0) break; // the initial hidden state is a constant zero: no R gradient, no dh to carry.
            ReadOnlySpan<double> hPrev = hid.AsSpan(t * h, h);
            for (int k = 0; k < h; k++)
            {
                VectorMath.Axpy(hPrev[k], dz, gr.Slice(k * g4, g4));
                dh[k] = VectorMath.Dot(r.Slice(k * g4, g4), dz);
            }
        }
    }
}
