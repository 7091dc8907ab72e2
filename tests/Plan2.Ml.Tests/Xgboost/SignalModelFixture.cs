using Plan2.Ml.Training;
using Plan2.Ml.Training.Xgboost;

namespace Plan2.Ml.Tests.Xgboost;

/// <summary>One model trained on the signal data, shared by the tests that only read it.</summary>
public sealed class SignalModelFixture : IDisposable
{
    public SignalModelFixture()
    {
        Train = SyntheticTabular.Signal(6000, seed: 1);
        Validation = SyntheticTabular.Signal(2000, seed: 2);
        Test = SyntheticTabular.Signal(2000, seed: 3);
        Model = new XgboostTrainer().Train(Train, Validation, new XgboostOptions(), progress: null);
    }

    public TabularData Train { get; }
    public TabularData Validation { get; }
    public TabularData Test { get; }
    public XgboostModel Model { get; }

    public void Dispose() => Model.Dispose();
}
