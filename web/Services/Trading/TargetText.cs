namespace Plan2.Web.Services.Trading;

/// <summary>
/// A strategy's target position as the strategies panel writes it: "flat" before any signal (it read "0 (None)"),
/// else its lots and why, in words ("0.10 (holding time)"; a short target is negative).
/// </summary>
public static class TargetText
{
    public static string Of(decimal targetLots, string reason)
    {
        var noReason = reason is "" or "None";
        return targetLots == 0 && noReason ? "flat" : $"{LotsText.Of(targetLots)} ({(noReason ? "no signal" : PascalWords.Of(reason).ToLowerInvariant())})";
    }
}
