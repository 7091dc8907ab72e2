using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// Snapshots: every so many journal entries the account stores its books with the journal position they cover, and an
// activation loads them and replays only the entries after it (AccountGrain.Rebuild.cs). The journal stays the truth: a
// snapshot that fails to store is logged and tried again later, and one in another format is ignored (a full replay).
public sealed partial class AccountGrain
{
    /// <summary>The snapshot format this build writes and reads; a stored one of another format is ignored.</summary>
    internal const int SnapshotFormat = 2; // 2: the positions at each day start instead of the month's fills

    private AccountSnapshotOptions? _snapshotOptions;
    private long _journalPosition; // the journal position the account's books are known to cover
    private SnapshotSchedule? _snapshotSchedule;
    private bool _snapshotting, _rebuilding;

    private AccountSnapshotOptions SnapshotOptions => _snapshotOptions ??= ServiceProvider.GetService<AccountSnapshotOptions>() ?? new AccountSnapshotOptions();
    private IAccountSnapshotStore? SnapshotStore => ServiceProvider.GetService<IAccountSnapshotStore>();
    private SnapshotSchedule Schedule => _snapshotSchedule ??= new SnapshotSchedule(SnapshotOptions.Every, SnapshotOptions.Settle);

    /// <summary>The stored snapshot restored into this activation, or false (none, another format, unreadable) with nothing changed.</summary>
    private async Task<bool> RestoreSnapshotAsync()
    {
        if (SnapshotStore is not { } store)
            return false;
        StoredAccountSnapshot? stored;
        try
        {
            stored = await store.LoadAsync(Tenant, AccountId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Account {Account}: its snapshot could not be read; rebuilding from the whole journal", Key);
            return false;
        }
        if (stored is null || stored.Format != SnapshotFormat)
            return false;
        try
        {
            Restore(JsonSerializer.Deserialize(stored.State, AccountSnapshotJson.Default.AccountSnapshotState)
                ?? throw new InvalidDataException("An empty snapshot."));
            _journalPosition = stored.Position;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException) // damaged or half-read: the journal still has it all
        {
            Logger.LogWarning(e, "Account {Account}: its snapshot at journal position {Position} does not restore; rebuilding from the whole journal", Key, stored.Position);
            ForgetBooks();
            return false;
        }
    }

    private void Restore(AccountSnapshotState s)
    {
        var mode = (AccountMode)s.Opened.Mode;
        _opened = s.Opened;
        _limits = s.Limits;
        _sequence = s.Sequence;
        _ledger = AccountLedger.FromState(AccountId, mode, s.Opened.Currency, s.Books.Ledger);
        _ledger.Limits = _limits.ToOverrides();
        _ledger.KillSwitch = s.KillSwitch;
        _dayStarts = DayStartBooks.FromState(AccountId, mode, s.Opened.Currency, s.Books.DayStarts);
        _realizedByDay = RealizedByDay.FromState(s.Books.RealizedByDay);
        _window = OrderWindow.FromState(s.Books.Window, SnapshotOptions.KeepClosedOrders);
        _unbooked.Clear();
        _unbooked.AddRange(s.Unbooked);
    }

    /// <summary>Back to an empty activation, for a full replay after a snapshot that did not restore.</summary>
    private void ForgetBooks()
    {
        (_ledger, _opened, _dayStarts, _limits, _sequence, _journalPosition) = (null, null, null, new AccountLimits(), 0, 0);
        _realizedByDay = new RealizedByDay();
        _window = new OrderWindow(SnapshotOptions.KeepClosedOrders);
        _unbooked.Clear();
    }

    private AccountSnapshotState Capture() => new(_sequence, _opened!, _limits, _ledger!.KillSwitch, [.. _unbooked],
        new AccountBooksState(_ledger.ToState(), _window.ToState(), _dayStarts!.ToState(), _realizedByDay.ToState()));

    /// <summary>
    /// Stores the books as they are now, claiming the position of the entries read that have settled; false (logged) when
    /// the store failed, which loses nothing: the journal is complete and the next snapshot tries again.
    /// </summary>
    private async Task<bool> StoreSnapshotAsync(IEnumerable<(long Position, DateTimeOffset At)> read, DateTimeOffset readAt)
    {
        if (SnapshotStore is not { } store || _ledger is null)
            return false;
        var covered = AccountSnapshotRules.CoveredPosition(read, readAt - SnapshotOptions.Settle, _journalPosition);
        if (covered <= _journalPosition)
            return false; // nothing settled since the last one
        var captured = Capture(); // now, before any await: copies, which later turns cannot change
        try
        {
            // Off the grain's turn: the books (up to a thousand closed orders' ids and trades, open positions, a month of
            // day-start books) are no small JSON, and the account's next orders need not wait for it.
            var state = await Task.Run(() => JsonSerializer.Serialize(captured, AccountSnapshotJson.Default.AccountSnapshotState));
            await store.SaveAsync(Tenant, AccountId, new StoredAccountSnapshot(SnapshotFormat, covered, state));
            _journalPosition = Math.Max(_journalPosition, covered);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Account {Account}: its snapshot did not store; the journal still holds everything, the next one tries again", Key);
            return false;
        }
    }

    /// <summary>
    /// When <see cref="SnapshotSchedule"/> says so: a snapshot, if the books reflect every journal entry since the last
    /// one. (Before the schedule waited after a try, the order bench met a read of the journal's tail per order.)
    /// </summary>
    private void CountChange()
    {
        if (_rebuilding || _snapshotting || SnapshotStore is null || !Schedule.Changed(clock.GetUtcNow()))
            return;
        SnapshotWhileRunningAsync().Ignore();
    }

    private async Task SnapshotWhileRunningAsync()
    {
        _snapshotting = true;
        try
        {
            var readAt = clock.GetUtcNow();
            Schedule.Tried(readAt);
            // Where each append since the last snapshot ends, not the entries themselves: reading those took a busy account
            // a quarter of a second of the server's time per snapshot.
            var tail = await journal.ReadAccountMarksAfterAsync(Tenant, AccountId, _journalPosition);
            var placements = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
            foreach (var mark in tail)
            {
                if (mark.FirstSequence == 1)
                    placements.TryAdd(mark.StreamId, mark.At); // its placement: an order the window forgot needs no read of its stream
                if (!await ReflectedAsync(mark.StreamId, mark.LastSequence, placements))
                    return; // a change still on its way here (a fill reported meanwhile): the next count tries again
            }
            if (await StoreSnapshotAsync(tail.Select(m => (m.Position, m.At)), readAt))
                Schedule.Stored();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Account {Account}: no snapshot this time", Key);
        }
        finally
        {
            _snapshotting = false;
        }
    }

    /// <summary>
    /// Whether the books already reflect a stream's entries up to <paramref name="sequence"/> (a forgotten order's count as
    /// booked).
    /// </summary>
    private async Task<bool> ReflectedAsync(string streamId, int sequence, Dictionary<string, DateTimeOffset?> placements)
    {
        if (streamId == AccountId)
            return sequence <= _sequence;
        var clientOrderId = streamId[(AccountId.Length + 1)..];
        if (_window.TryGetSequence(clientOrderId, out var booked))
            return sequence <= booked;
        if (_window.ForgottenUpTo is null)
            return false;
        if (!placements.TryGetValue(streamId, out var placedAt))
        {
            var stream = await journal.ReadStreamAsync(Tenant, streamId);
            placements[streamId] = placedAt = stream.Count > 0 ? stream[0].At : null;
        }
        return placedAt is { } at && _window.IsForgotten(clientOrderId, at);
    }

    private static DateTimeOffset PlacedAt(OrderView order) => order.Audit.Count > 0 ? order.Audit[0].At : DateTimeOffset.MinValue;
}

/// <summary>What an account snapshot holds: the account's own events' effects and its books.</summary>
internal sealed record AccountSnapshotState(int Sequence, OpenAccount Opened, AccountLimits Limits, bool KillSwitch, IReadOnlyList<string> Unbooked,
    AccountBooksState Books);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccountSnapshotState))]
internal sealed partial class AccountSnapshotJson : JsonSerializerContext;
