namespace Plan2.Ml.Lifecycle;

public enum PromotionOutcome
{
    Keep,
    Promote,
}
