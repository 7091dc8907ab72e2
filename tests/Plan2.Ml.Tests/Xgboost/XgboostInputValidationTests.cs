using Plan2.Ml.Training;
using Plan2.Ml.Training.Xgboost;

namespace Plan2.Ml.Tests.Xgboost;

public sealed class XgboostInputValidationTests(SignalModelFixture fixture) : IClassFixture<SignalModelFixture>
{
    private static readonly TabularData Valid = SyntheticTabular.Signal(500, seed: 5);

    public static TheoryData<string, TabularData, string> BadTrainingSets => new()
    {
        { "X too short", new TabularData(new float[10], 3, 4, new float[3]), "Rows × Features" },
        { "Y too short", new TabularData(new float[12], 3, 4, new float[2]), "labels but there are 3 rows" },
        { "label not 0/1", new TabularData(new float[12], 3, 4, [0f, 2f, 1f]), "must be 0 or 1" },
        { "no rows", new TabularData([], 0, 4, []), "must be positive" },
    };

    [Theory]
    [MemberData(nameof(BadTrainingSets))]
    public void Malformed_training_data_is_rejected_with_a_clear_message(string _, TabularData train, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new XgboostTrainer().Train(train, Valid, new XgboostOptions(), null));
        Assert.Equal("train", ex.ParamName);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Validation_with_another_feature_count_is_rejected()
    {
        var narrow = new TabularData(new float[500 * 3], 500, 3, new float[500]);
        var ex = Assert.Throws<ArgumentException>(() => new XgboostTrainer().Train(Valid, narrow, new XgboostOptions(), null));
        Assert.Contains("3 features but train has 6", ex.Message);
    }

    [Fact]
    public void Predicting_with_another_feature_count_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => fixture.Model.PredictNative(new TabularData(new float[7], 1, 7, [0f])));
        Assert.Contains("trained on 6", ex.Message);
    }

    [Fact]
    public void A_libxgboost_error_surfaces_with_its_own_message()
    {
        var options = new XgboostOptions { Subsample = 2 };
        var ex = Assert.Throws<XgboostException>(() => new XgboostTrainer().Train(Valid, Valid, options, null));
        Assert.Contains("subsample", ex.Message);
    }

    [Fact]
    public void A_disposed_model_throws_instead_of_touching_freed_memory()
    {
        var model = new XgboostTrainer().Train(Valid, Valid, new XgboostOptions { MaxRounds = 2 }, null);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.PredictNative(Valid));
    }
}
