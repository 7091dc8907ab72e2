using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Plan2.Ml.Training;
using Xunit.Abstractions;

namespace Plan2.Ml.Tests.Xgboost;

public sealed class XgboostOnnxParityTests(SignalModelFixture fixture, ITestOutputHelper output) : IClassFixture<SignalModelFixture>
{
    [Fact]
    public void Onnx_matches_libxgboost_on_held_out_rows_including_missing_values()
    {
        var data = WithAllMissingRow(fixture.Test);
        Assert.Contains(data.X, float.IsNaN);

        var native = fixture.Model.PredictNative(data);
        var onnx = RunOnnx(fixture.Model.ToOnnx(), data);

        Assert.Equal(data.Rows, onnx.Length);
        // A near-constant model would match trivially; make sure the predictions actually vary.
        Assert.True(native.Max() - native.Min() > 0.3, $"predictions span only {native.Min()}..{native.Max()}");
        var maxError = native.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{fixture.Model.Rounds} of {fixture.Model.RoundsTrained} rounds kept; max |onnx - native| = {maxError:E2}");
        Assert.True(maxError < 1e-5, $"max |onnx - native| = {maxError}");
    }

    [Fact]
    public void Trained_trees_send_missing_values_both_ways_so_parity_covers_default_left()
    {
        using var json = JsonDocument.Parse(fixture.Model.ToJson());
        var trees = json.RootElement.GetProperty("learner").GetProperty("gradient_booster").GetProperty("model").GetProperty("trees");
        var splits = trees.EnumerateArray()
            .SelectMany(t => t.GetProperty("left_children").EnumerateArray().Zip(t.GetProperty("default_left").EnumerateArray()))
            .Where(p => p.First.GetInt32() != -1)
            .Select(p => p.Second.ValueKind == JsonValueKind.Number ? p.Second.GetInt32() == 1 : p.Second.GetBoolean())
            .ToList();
        Assert.Contains(true, splits);
        Assert.Contains(false, splits);
    }

    [Fact]
    public void Onnx_declares_features_input_and_p_up_output()
    {
        using var session = new InferenceSession(fixture.Model.ToOnnx());
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("features", input.Key);
        Assert.Equal(typeof(float), input.Value.ElementType);
        Assert.Equal([-1, SyntheticTabular.Features], input.Value.Dimensions);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("p_up", output.Key);
        Assert.Equal([-1, 1], output.Value.Dimensions);
    }

    private static float[] RunOnnx(byte[] model, TabularData data)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(data.X, [data.Rows, data.Features]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", tensor)]);
        var output = results.Single(r => r.Name == "p_up").AsTensor<float>();
        Assert.Equal([data.Rows, 1], output.Dimensions.ToArray());
        return output.ToArray();
    }

    /// <summary>A row with every value missing follows default_left at every split of every tree.</summary>
    private static TabularData WithAllMissingRow(TabularData data)
    {
        var x = data.X.Concat(Enumerable.Repeat(float.NaN, data.Features)).ToArray();
        return new TabularData(x, data.Rows + 1, data.Features, [.. data.Y, 0f]);
    }
}
