namespace Plan2.Ml.Training.Lstm;

public sealed partial class LstmNetwork
{
    /// <summary>Runs the window in <see cref="LstmWorkspace.Input"/>, keeps what backward needs, returns the logit of P(up).</summary>
    public double Forward(LstmWorkspace ws)
    {
        CheckWorkspace(ws);
        int h = Hidden, g4 = 4 * h, f = Features, steps = ws.Steps;
        ReadOnlySpan<double> w = Parameters.AsSpan(InputWeights.Offset, InputWeights.Length);
        ReadOnlySpan<double> r = Parameters.AsSpan(RecurrentWeights.Offset, RecurrentWeights.Length);
        ReadOnlySpan<double> b = Parameters.AsSpan(GateBias.Offset, GateBias.Length);
        double[] cell = ws.Cell, hid = ws.HiddenState, gates = ws.Gates, tanhCell = ws.TanhCell;
        for (int t = 0; t < steps; t++)
        {
            Span<double> z = gates.AsSpan(t * g4, g4);
            ReadOnlySpan<double> x = ws.InputBuffer.AsSpan(t * f, f);
            // At t = 0 the previous hidden state is zero, so the recurrent term is skipped.
            ReadOnlySpan<double> hPrev = t > 0 ? hid.AsSpan(t * h, h) : default;
            LstmKernels.GateInputs(b, x, w, hPrev, t > 0 ? r : default, z);
            VectorMath.Activate(z, 3 * h); // i, o, f sigmoid; c tanh
            LstmKernels.CellUpdate(z, cell.AsSpan(t * h, h), cell.AsSpan((t + 1) * h, h),
                tanhCell.AsSpan(t * h, h), hid.AsSpan((t + 1) * h, h));
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
        CheckWorkspace(ws);
        int h = Hidden, g4 = 4 * h, f = Features, steps = ws.Steps;
        ReadOnlySpan<double> r = Parameters.AsSpan(RecurrentWeights.Offset, RecurrentWeights.Length);
        ReadOnlySpan<double> v = Parameters.AsSpan(OutputWeights.Offset, h);
        Span<double> gw = gradient.Slice(InputWeights.Offset, InputWeights.Length);
        Span<double> gr = gradient.Slice(RecurrentWeights.Offset, RecurrentWeights.Length);
        Span<double> gb = gradient.Slice(GateBias.Offset, GateBias.Length);
        double[] cell = ws.Cell, hid = ws.HiddenState, gates = ws.Gates, tanhCell = ws.TanhCell, dzAll = ws.DZ;
        Span<double> dh = ws.DH, dc = ws.DC;

        VectorMath.Axpy(dLogit, hid.AsSpan(steps * h, h), gradient.Slice(OutputWeights.Offset, h));
        gradient[OutputBias.Offset] += dLogit;
        for (int j = 0; j < h; j++) { dh[j] = dLogit * v[j]; dc[j] = 0; }

        // Only dz flows backwards step by step; the weight gradients are sums over steps, done once afterwards.
        for (int t = steps - 1; t >= 0; t--)
        {
            int gt = t * g4;
            Span<double> dz = dzAll.AsSpan(gt, g4);
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
            if (t == 0) break; // the initial hidden state is a constant zero: no dh to carry further.
            for (int k = 0; k < h; k++) dh[k] = VectorMath.Dot(r.Slice(k * g4, g4), dz);
        }
        ReadOnlySpan<double> dzSteps = dzAll.AsSpan(0, steps * g4);
        for (int t = 0; t < steps; t++) VectorMath.Axpy(1.0, dzSteps.Slice(t * g4, g4), gb);
        LstmKernels.AddOuterProducts(ws.InputBuffer.AsSpan(0, steps * f), f, dzSteps, gw);
        // Row t of the hidden states is the state before step t (row 0 the zero initial state).
        LstmKernels.AddOuterProducts(hid.AsSpan(0, steps * h), h, dzSteps, gr);
    }

    private void CheckWorkspace(LstmWorkspace ws)
    {
        if (ws.Features != Features || ws.Hidden != Hidden)
            throw new ArgumentException($"Workspace is for {ws.Features} features and {ws.Hidden} hidden units; this network has {Features} and {Hidden}.", nameof(ws));
    }
}
