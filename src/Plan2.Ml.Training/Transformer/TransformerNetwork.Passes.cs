using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

public sealed partial class TransformerNetwork
{
    /// <summary>Runs the window in <see cref="TransformerWorkspace.Input"/>, keeps what backward needs, returns the logit of P(up).</summary>
    public double Forward(TransformerWorkspace ws)
    {
        Check(ws);
        int t = ws.Steps, d = ModelDim, ff = FeedForward;
        double scale = 1 / Math.Sqrt(d);

        ws.Positions.CopyTo(ws.H0, 0);
        DenseMath.AddRows(ws.H0, t, P(InputBias));
        DenseMath.MulAdd(ws.X, t, Features, P(InputWeights), d, ws.H0);

        DenseMath.LayerNorm(ws.H0, t, P(Norm1Gain), P(Norm1Bias), ws.A, ws.XHat1, ws.InvStd1);
        Project(ws.A, t, QueryWeights, QueryBias, ws.Q);
        Project(ws.A, t, KeyWeights, KeyBias, ws.K);
        Project(ws.A, t, ValueWeights, ValueBias, ws.V);

        Array.Clear(ws.Attention);
        DenseMath.MulTransposedAdd(ws.Q, t, d, ws.K, t, ws.Attention);
        for (int i = 0; i < t; i++) SoftmaxRow(ws.Attention.AsSpan(i * t, t), scale);
        Array.Clear(ws.O);
        DenseMath.MulAdd(ws.Attention, t, t, ws.V, d, ws.O);

        ws.H0.CopyTo(ws.H1, 0);
        DenseMath.AddRows(ws.H1, t, P(AttentionOutputBias));
        DenseMath.MulAdd(ws.O, t, d, P(AttentionOutputWeights), d, ws.H1);

        DenseMath.LayerNorm(ws.H1, t, P(Norm2Gain), P(Norm2Bias), ws.B, ws.XHat2, ws.InvStd2);
        Project(ws.B, t, FeedForwardWeights1, FeedForwardBias1, ws.Z1);
        for (int i = 0; i < ws.U.Length; i++) ws.U[i] = Math.Max(ws.Z1[i], 0);
        ws.H1.CopyTo(ws.H2, 0);
        DenseMath.AddRows(ws.H2, t, P(FeedForwardBias2));
        DenseMath.MulAdd(ws.U, t, ff, P(FeedForwardWeights2), d, ws.H2);

        // The last step's state: it attends to the whole window, and its residual stream carries the newest bar itself.
        ws.H2.AsSpan((t - 1) * d, d).CopyTo(ws.Pooled);
        return Parameters[OutputBias.Offset] + VectorMath.Dot(P(OutputWeights), ws.Pooled);
    }

    /// <summary>Adds <paramref name="dLogit"/> times the gradient of the last forward's logit to <paramref name="gradient"/>.</summary>
    public void Backward(TransformerWorkspace ws, double dLogit, Span<double> gradient)
    {
        Check(ws);
        if (gradient.Length != Parameters.Length)
            throw new ArgumentException($"gradient has length {gradient.Length}, the network has {Parameters.Length} parameters.", nameof(gradient));
        int t = ws.Steps, d = ModelDim, ff = FeedForward;
        double scale = 1 / Math.Sqrt(d);

        VectorMath.Axpy(dLogit, ws.Pooled, gradient.Slice(OutputWeights.Offset, OutputWeights.Length));
        gradient[OutputBias.Offset] += dLogit;
        var v = P(OutputWeights);
        // Last-step pooling: only the last row of h2 reaches the output.
        Array.Clear(ws.DH2);
        for (int j = 0; j < d; j++) ws.DH2[(t - 1) * d + j] = dLogit * v[j];

        // h2 = h1 + relu(z1)·W2 + b2, z1 = LN2(h1)·W1 + b1
        DenseMath.TransposedMulAdd(ws.U, t, ff, ws.DH2, d, gradient.Slice(FeedForwardWeights2.Offset, FeedForwardWeights2.Length));
        DenseMath.SumRows(ws.DH2, t, gradient.Slice(FeedForwardBias2.Offset, FeedForwardBias2.Length));
        Array.Clear(ws.DU);
        DenseMath.MulTransposedAdd(ws.DH2, t, d, P(FeedForwardWeights2), ff, ws.DU);
        for (int i = 0; i < ws.DU.Length; i++) if (ws.Z1[i] <= 0) ws.DU[i] = 0;
        DenseMath.TransposedMulAdd(ws.B, t, d, ws.DU, ff, gradient.Slice(FeedForwardWeights1.Offset, FeedForwardWeights1.Length));
        DenseMath.SumRows(ws.DU, t, gradient.Slice(FeedForwardBias1.Offset, FeedForwardBias1.Length));
        Array.Clear(ws.DB);
        DenseMath.MulTransposedAdd(ws.DU, t, ff, P(FeedForwardWeights1), d, ws.DB);
        ws.DH2.CopyTo(ws.DH1, 0); // residual
        DenseMath.LayerNormBackward(ws.DB, t, P(Norm2Gain), ws.XHat2, ws.InvStd2, ws.DH1, gradient.Slice(Norm2Gain.Offset, Norm2Gain.Length), gradient.Slice(Norm2Bias.Offset, Norm2Bias.Length));

        // h1 = h0 + (A·V)·Wo + bo
        DenseMath.TransposedMulAdd(ws.O, t, d, ws.DH1, d, gradient.Slice(AttentionOutputWeights.Offset, AttentionOutputWeights.Length));
        DenseMath.SumRows(ws.DH1, t, gradient.Slice(AttentionOutputBias.Offset, AttentionOutputBias.Length));
        Array.Clear(ws.DO);
        DenseMath.MulTransposedAdd(ws.DH1, t, d, P(AttentionOutputWeights), d, ws.DO);
        Array.Clear(ws.DAttention);
        DenseMath.MulTransposedAdd(ws.DO, t, d, ws.V, t, ws.DAttention);
        Array.Clear(ws.DV);
        DenseMath.TransposedMulAdd(ws.Attention, t, t, ws.DO, d, ws.DV);
        // Softmax backward per row, then the 1/√d scale: dS = P ⊙ (dP − Σ P·dP) / √d.
        for (int i = 0; i < t; i++)
        {
            var p = ws.Attention.AsSpan(i * t, t);
            var dp = ws.DAttention.AsSpan(i * t, t);
            double dot = VectorMath.Dot(p, dp);
            for (int j = 0; j < t; j++) dp[j] = p[j] * (dp[j] - dot) * scale;
        }
        Array.Clear(ws.DQ);
        DenseMath.MulAdd(ws.DAttention, t, t, ws.K, d, ws.DQ);
        Array.Clear(ws.DK);
        DenseMath.TransposedMulAdd(ws.DAttention, t, t, ws.Q, d, ws.DK);

        Array.Clear(ws.DA);
        ProjectBackward(ws.A, t, QueryWeights, QueryBias, ws.DQ, ws.DA, gradient);
        ProjectBackward(ws.A, t, KeyWeights, KeyBias, ws.DK, ws.DA, gradient);
        ProjectBackward(ws.A, t, ValueWeights, ValueBias, ws.DV, ws.DA, gradient);
        ws.DH1.CopyTo(ws.DH0, 0); // residual
        DenseMath.LayerNormBackward(ws.DA, t, P(Norm1Gain), ws.XHat1, ws.InvStd1, ws.DH0, gradient.Slice(Norm1Gain.Offset, Norm1Gain.Length), gradient.Slice(Norm1Bias.Offset, Norm1Bias.Length));

        DenseMath.TransposedMulAdd(ws.X, t, Features, ws.DH0, d, gradient.Slice(InputWeights.Offset, InputWeights.Length));
        DenseMath.SumRows(ws.DH0, t, gradient.Slice(InputBias.Offset, InputBias.Length));
    }

    /// <summary>y[t, out] = x[t, in]·W + b.</summary>
    private void Project(ReadOnlySpan<double> x, int rows, LstmParameterGroup weights, LstmParameterGroup bias, Span<double> y)
    {
        y.Clear();
        DenseMath.AddRows(y, rows, P(bias));
        DenseMath.MulAdd(x, rows, x.Length / rows, P(weights), bias.Length, y);
    }

    private void ProjectBackward(ReadOnlySpan<double> x, int rows, LstmParameterGroup weights, LstmParameterGroup bias,
        ReadOnlySpan<double> dy, Span<double> dx, Span<double> gradient)
    {
        int inDim = x.Length / rows, outDim = bias.Length;
        DenseMath.TransposedMulAdd(x, rows, inDim, dy, outDim, gradient.Slice(weights.Offset, weights.Length));
        DenseMath.SumRows(dy, rows, gradient.Slice(bias.Offset, bias.Length));
        DenseMath.MulTransposedAdd(dy, rows, outDim, P(weights), inDim, dx);
    }

    private static void SoftmaxRow(Span<double> row, double scale)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < row.Length; j++) max = Math.Max(max, row[j] * scale);
        double sum = 0;
        for (int j = 0; j < row.Length; j++) sum += row[j] = Math.Exp(row[j] * scale - max);
        for (int j = 0; j < row.Length; j++) row[j] /= sum;
    }

    private void Check(TransformerWorkspace ws)
    {
        if (ws.Features != Features || ws.ModelDim != ModelDim || ws.FeedForward != FeedForward)
            throw new ArgumentException("The workspace was made for another network shape.", nameof(ws));
    }
}
