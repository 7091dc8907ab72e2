using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Tests.Lstm;

/// <summary>How far a group's backpropagated gradient is from central finite differences, and its largest magnitude.</summary>
internal readonly record struct GroupGradientCheck(string Name, double WorstRelativeError, double LargestGradient);

/// <summary>
/// The finite-difference check both sequence networks' backpropagation is held to: pushed weights and seeded
/// random windows, then every single parameter nudged both ways. <paramref name="loss"/> is the network's
/// LossAndGradient over (x, y, rows, steps, gradient or null).
/// </summary>
internal static class GradientCheck
{
    public delegate double Loss(double[] x, double[] y, int rows, int steps, double[]? gradient);

    public static IReadOnlyList<GroupGradientCheck> Run(double[] parameters, IReadOnlyList<LstmParameterGroup> groups,
        Loss loss, int features, int steps, int rows)
    {
        var rng = new Random(5);
        // Larger-than-init weights push gates, attention and layer norms away from their easy middle.
        for (int i = 0; i < parameters.Length; i++) parameters[i] += 0.5 * LstmTestData.Gaussian(rng);
        var x = new double[rows * steps * features];
        for (int i = 0; i < x.Length; i++) x[i] = LstmTestData.Gaussian(rng);
        var y = new double[rows];
        for (int r = 0; r < rows; r++) y[r] = r % 2;

        var analytic = new double[parameters.Length];
        loss(x, y, rows, steps, analytic);

        const double eps = 1e-5;
        var checks = new List<GroupGradientCheck>();
        foreach (var group in groups)
        {
            double worst = 0, largest = 0;
            for (int i = group.Offset; i < group.Offset + group.Length; i++)
            {
                double saved = parameters[i];
                parameters[i] = saved + eps;
                double up = loss(x, y, rows, steps, null);
                parameters[i] = saved - eps;
                double down = loss(x, y, rows, steps, null);
                parameters[i] = saved;
                double numeric = (up - down) / (2 * eps);
                double rel = Math.Abs(numeric - analytic[i]) / Math.Max(Math.Abs(numeric) + Math.Abs(analytic[i]), 1e-7);
                worst = Math.Max(worst, rel);
                largest = Math.Max(largest, Math.Abs(analytic[i]));
            }
            checks.Add(new GroupGradientCheck(group.Name, worst, largest));
        }
        return checks;
    }
}
