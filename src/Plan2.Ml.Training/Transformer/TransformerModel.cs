using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>A trained <see cref="TransformerNetwork"/> with the feature scaling it was trained with.</summary>
public sealed class TransformerModel(TransformerNetwork network, int steps, float[] featureMean, float[] featureInvStd,
    IReadOnlyList<LstmEpoch>? history = null, int bestEpoch = 0)
    : SequenceModel<TransformerNetwork, TransformerWorkspace>(network, steps, featureMean, featureInvStd, history, bestEpoch)
{
    public override byte[] ToOnnx() => TransformerOnnxExport.Build(this, Mean, InvStd);
}
