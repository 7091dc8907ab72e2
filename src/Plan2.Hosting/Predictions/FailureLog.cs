using Microsoft.Extensions.Logging;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Logs a retried operation's failures once per distinct failure (type and message), and its recovery: a
/// loop that retries every few seconds neither hides why it fails nor floods the log with the same line.
/// </summary>
public sealed class FailureLog(ILogger logger, string operation)
{
    private string? _last;

    /// <summary>Logs the failure unless it is the same as the previous one; returns whether it logged.</summary>
    public bool Failed(Exception e)
    {
        var signature = $"{e.GetType().FullName}: {e.Message}";
        if (signature == _last)
            return false;
        _last = signature;
        logger.LogWarning(e, "{Operation} failed; retrying (the same failure is not logged again)", operation);
        return true;
    }

    /// <summary>Notes a success; logs once that the operation recovered after failing.</summary>
    public void Succeeded()
    {
        if (_last is null)
            return;
        _last = null;
        logger.LogInformation("{Operation} works again", operation);
    }
}
