namespace Plan2.Grains.Trading.Accounts;

/// <summary>
/// Tells every watching account of a change, each until it answered (a few tries: a call lost with a restarting silo
/// is sent again), and fails if one never did: the change is stored, but its caller must hear that an account may not
/// have it yet (setting it again is safe and tells them all again).
/// </summary>
internal static class RiskInputWatchers
{
    private const int Attempts = 3;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Adds an account to a source's watchers and stores that before the account is answered (it relies on hearing of
    /// every later change); taken back if the write fails, so that its next watch writes it again.
    /// </summary>
    public static async Task RegisterAsync(ISet<string> watchers, string accountKey, Func<Task> writeState)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        if (!watchers.Add(accountKey))
            return;
        try
        {
            await writeState();
        }
        catch
        {
            watchers.Remove(accountKey);
            throw;
        }
    }

    public static async Task NotifyAsync(IGrainFactory grains, IReadOnlyCollection<string> watchers, RiskInputChange change)
    {
        var failures = await Task.WhenAll(watchers.Select(w => NotifyOneAsync(grains.GetGrain<IRiskInputsWatcher>(w), w, change)));
        var missed = failures.Where(f => f is not null).ToList();
        if (missed.Count > 0)
            throw new TimeoutException($"{change.Input} changed (version {change.Version}), but {missed.Count} account(s) could not be told: " +
                string.Join(", ", missed.Take(5)) + ". Set it again to retell them.");
    }

    private static async Task<string?> NotifyOneAsync(IRiskInputsWatcher watcher, string key, RiskInputChange change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await watcher.RiskInputChangedAsync(change).WaitAsync(AttemptTimeout);
                return null;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (Exception)
            {
                return key;
            }
        }
    }
}
