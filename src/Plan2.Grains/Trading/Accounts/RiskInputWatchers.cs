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

    /// <summary>
    /// Tells every watcher; one that answers it is not live (an account no longer open) is dropped from
    /// <paramref name="watchers"/> and the list stored again, so that notices do not go on waking accounts that are gone.
    /// </summary>
    public static async Task NotifyAsync(IGrainFactory grains, ISet<string> watchers, RiskInputChange change, Func<Task> writeState)
    {
        var told = watchers.ToList();
        var answers = await Task.WhenAll(told.Select(w => NotifyOneAsync(grains.GetGrain<IRiskInputsWatcher>(w), change)));
        var gone = told.Where((_, i) => answers[i] == Answer.NotLive).ToList();
        if (gone.Count > 0)
            await DropAsync(watchers, gone, writeState);
        var missed = told.Where((_, i) => answers[i] == Answer.Missed).ToList();
        if (missed.Count > 0)
            throw new TimeoutException($"{change.Input} changed (version {change.Version}), but {missed.Count} account(s) could not be told: " +
                string.Join(", ", missed.Take(5)) + ". Set it again to retell them.");
    }

    private static async Task DropAsync(ISet<string> watchers, IReadOnlyList<string> gone, Func<Task> writeState)
    {
        foreach (var key in gone)
            watchers.Remove(key);
        try
        {
            await writeState();
        }
        catch (Exception)
        {
            // The change itself is stored and told: a stored list that still names them is pruned by a later write.
        }
    }

    private enum Answer { Told, NotLive, Missed }

    private static async Task<Answer> NotifyOneAsync(IRiskInputsWatcher watcher, RiskInputChange change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await watcher.RiskInputChangedAsync(change).WaitAsync(AttemptTimeout) ? Answer.Told : Answer.NotLive;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (Exception)
            {
                return Answer.Missed;
            }
        }
    }
}
