namespace Plan2.Web.Services;

/// <summary>
/// A banner's source: one read every interval per web process, however many pages show it (no render waits on a grain
/// call), and <see cref="Changed"/> when what the banners show changes. A read answers even when the cluster does not:
/// a read that throws is answered by <see cref="OnReadFailed"/> here, since an error escaping would end this service and,
/// by the host's default for a failed background service, the web.
/// </summary>
public abstract class PolledWatch<T>(T initial, TimeSpan every, TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>What the banners show now.</summary>
    protected T Shown { get; private set; } = initial;

    public event Action? Changed;

    /// <summary>What to show after this read; <paramref name="stoppingToken"/> ends only with the host.</summary>
    protected abstract Task<T> ReadAsync(CancellationToken stoppingToken);

    /// <summary>What to show when a read threw (anything but the host stopping).</summary>
    protected abstract T OnReadFailed(Exception error);

    protected virtual bool Same(T shown, T read) => EqualityComparer<T>.Default.Equals(shown, read);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, Clock);
        do
        {
            T read;
            try
            {
                read = await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                read = OnReadFailed(e);
            }
            if (!Same(Shown, read))
            {
                Shown = read;
                Changed?.Invoke();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
