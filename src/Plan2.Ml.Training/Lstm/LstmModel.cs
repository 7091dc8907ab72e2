namespace Plan2.Ml.Training.Lstm;

/// <summary>A trained <see cref="LstmNetwork"/> with the feature scaling it was trained with.</summary>
public sealed class LstmModel(LstmNetwork network, int steps, float[] featureMean, float[] featureInvStd,
    IReadOnlyList<LstmEpoch>? history = null, int bestEpoch = 0)
    : SequenceModel<LstmNetwork, LstmWorkspace>(network, steps, featureMean, featureInvStd, history, bestEpoch)
{
    public int Hidden => Network.Hidden;

    public override byte[] ToOnnx() => LstmOnnxExport.Build(this, Mean, InvStd);
}
