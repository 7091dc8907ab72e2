namespace Plan2.Core.Trading.Orders;

/// <summary>
/// How a risk denial is kept with the order ("CODE: sentence" in its audit trail), so that a resend is refused with
/// the same code and sentence as the first send, rebuilt from the order itself whichever send got through.
/// </summary>
public static class DeniedReason
{
    /// <summary>The code a denial kept without one answers with (an order denied before codes were kept).</summary>
    public const string DefaultCode = "Denied";

    public static string Format(string code, string? message) => $"{code}: {message}";

    /// <summary>The code and sentence of a kept denial; the sentence is null when there is none.</summary>
    public static (string Code, string? Message) Parse(string? reason)
    {
        reason ??= "";
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var code = colon > 0 ? reason[..colon] : DefaultCode;
        var message = colon > 0 ? reason[(colon + 2)..] : reason;
        return (code, message.Length == 0 ? null : message);
    }
}
