namespace Plan2.Ml.Training.Lstm;

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter) over one flat parameter array.</summary>
internal sealed class AdamW(double[] parameters, bool[] decay, double learningRate, double weightDecay)
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly double[] _m = new double[parameters.Length];
    private readonly double[] _v = new double[parameters.Length];
    private long _step;

    public void Step(ReadOnlySpan<double> gradient)
    {
        _step++;
        double c1 = 1 - Math.Pow(Beta1, _step), c2 = 1 - Math.Pow(Beta2, _step);
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
            double update = (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + Epsilon);
            // Decay acts on the weight itself, not through the gradient, so Adam's scaling does not undo it.
            if (decay[i]) update += weightDecay * parameters[i];
            parameters[i] -= learningRate * update;
        }
    }
}
