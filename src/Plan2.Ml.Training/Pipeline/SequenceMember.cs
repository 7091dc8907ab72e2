using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// A trained sequence network (LSTM, Transformer) as an ensemble member. Both read the last
/// <see cref="Steps"/> feature vectors raw (the network standardises inside, missing values as 0), so
/// the windows, the ONNX names and the scoring are the same for both; only kind and parameters differ.
/// </summary>
internal sealed class SequenceMember<TNetwork, TWorkspace>(SequenceModel<TNetwork, TWorkspace> model, string kind,
    IReadOnlyDictionary<string, string> parameters) : IMemberModel
    where TNetwork : ISequenceNetwork<TWorkspace>
    where TWorkspace : ISequenceWorkspace
{
    public const int Steps = 30;
    private static readonly float[] Identity0 = new float[TrainingRows.Features];
    private static readonly float[] Identity1 = Enumerable.Repeat(1f, TrainingRows.Features).ToArray();

    public string Kind => kind;
    public string InputName => "window";
    public string OutputName => "p_up";
    public int WindowSteps => Steps;
    public float[]? InputMean => Identity0;
    public float[]? InputStd => Identity1;
    public IReadOnlyDictionary<string, string> Parameters => parameters;

    public static SequenceData Windows(TrainingRows rows, int from, int to) => rows.Windows(from, to, Steps, Identity0, Identity1);

    public float[] Predict(TrainingRows rows, int from, int to)
    {
        var windows = Windows(rows, from, to);
        var p = model.Predict(windows);
        for (var i = 0; i < p.Length; i++)
            if (!float.IsFinite(windows.Y[i]) && float.IsFinite(rows.Y[from + i]))
                p[i] = float.NaN; // too little history in its series for a full window
        return p;
    }

    public byte[] ToOnnx() => model.ToOnnx();
}
