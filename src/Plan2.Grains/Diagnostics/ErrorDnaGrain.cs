using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Diagnostics;
using Plan2.Abstractions.Telegram;
using Plan2.Core.Diagnostics;

namespace Plan2.Grains.Diagnostics;

/// <summary>
/// A thin shell over the Core <see cref="ErrorBook"/>: stores the fingerprints (PostgreSQL in a cluster)
/// after each report and tells the platform admins' linked chats of a spike through their "platform errors"
/// notifications (the durable outbox; tenant admins never get them: the text carries every tenant's errors). Reports come a few seconds apart from each process, already
/// grouped, so one grain keeps up with an error storm.
/// </summary>
public sealed class ErrorDnaGrain(
    [PersistentState("error-dna", StorageNames.GrainState)] IPersistentState<ErrorDnaState> state,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ErrorDnaGrain> logger) : Grain, IErrorDnaGrain
{
    // A host may register its own rule (tests do); the default otherwise.
    private readonly SpikeRule rule = services.GetService(typeof(SpikeRule)) as SpikeRule ?? SpikeRule.Default;

    /// <summary>Spikes kept for the dashboard.</summary>
    public const int SpikesKept = 50;

    private ErrorBook? _book;

    private ErrorBook Book
    {
        get
        {
            if (_book is null)
            {
                _book = new ErrorBook(rule);
                foreach (var record in state.State.Groups)
                    _book.Restore(record.ToGroup());
            }
            return _book;
        }
    }

    async Task<IReadOnlyList<ErrorSpikeView>> IErrorDnaGrain.ReportAsync(IReadOnlyList<ErrorReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = clock.GetUtcNow();
        var spikes = Book.Record(reports.Where(r => r.Count > 0).Select(r => r.ToOccurrence()), now);
        var told = spikes.Select(s => new ErrorSpikeRecord { FingerprintId = s.Fingerprint.Id, InWindow = s.InWindow, Baseline = s.Baseline, At = s.At, Text = "🧬 " + s.Describe() }).ToList();
        state.State.Groups = Book.Groups.Select(g => g.ToRecord()).ToList();
        state.State.Spikes = told.AsEnumerable().Reverse().Concat(state.State.Spikes).Take(SpikesKept).ToList();
        await state.WriteStateAsync();
        foreach (var spike in told)
            await TellAdminsAsync(spike.Text);
        return told.Select(s => s.ToView()).ToList();
    }

    Task<ErrorDnaView> IErrorDnaGrain.GetAllAsync()
    {
        var now = clock.GetUtcNow();
        var groups = Book.Groups.OrderByDescending(g => g.LastSeen).Select(g => g.ToView(now, rule)).ToList();
        return Task.FromResult(new ErrorDnaView(groups, state.State.Spikes.Select(s => s.ToView()).ToList(), (int)rule.Window.TotalMinutes));
    }

    Task<ErrorSpikeView?> IErrorDnaGrain.GetLatestSpikeAsync() =>
        Task.FromResult(state.State.Spikes.Count > 0 ? state.State.Spikes[0].ToView() : null); // kept newest first

    /// <summary>The platform admins with a linked chat that takes platform errors (tenant admins never: the text carries other tenants' errors): the one path by which platform errors reach Telegram.</summary>
    private async Task TellAdminsAsync(string text)
    {
        try
        {
            var links = await GrainFactory.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(null);
            await Task.WhenAll(links.Where(l => l.ModeFor(NotificationKind.PlatformErrors) != NotificationMode.Off).Select(l => l.Tenant).Distinct()
                .Select(t => GrainFactory.GetGrain<INotificationGrain>(t).NotifyAsync(NotificationKind.PlatformErrors, text)));
        }
        catch (Exception e)
        {
            // Warning, not Error: an Error here would be fingerprinted and reported back to this grain.
            logger.LogWarning(e, "ErrorDNA could not queue a spike alert for Telegram: {Text}", text);
        }
    }
}
