using Microsoft.Extensions.Logging;
using Plan2.Grains.Operations;

namespace Plan2.Grains.Trading.Venues;

// Asking the stored orders for their terms. An activation asks them all at once, each answer awaited for a bounded time,
// so one order that cannot answer (its silo gone, its journal down or slow) holds up none of the others. Such an order
// is not known to be done: its key stays stored and it is asked again every second, in a turn that interleaves (a hung
// order must not hold up ticks), until it answers, or rests or withdraws by itself (its own word is newer than any answer
// still on its way). The order answers interleaved, from its journal, and never calls the book; a change of its own in
// progress that waits on this book (a cancel's withdraw during activation) makes it fail the ask after a second.
public sealed partial class PaperBookGrain
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5); // wall time, well inside a grain call's 30 s
    private static readonly TimeSpan AskAgainEvery = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, string> _unanswered = new(StringComparer.Ordinal); // order id → grain key: stored, not resting
    private IGrainTimer? _askingAgain;

    private readonly record struct Answer(string OrderId, string Key, RestingTicket? Ticket, string? Failure, Exception? Error);

    /// <summary>Orders the book stores: those resting here and those that have not answered yet.</summary>
    private int StoredCount => _grains.Count + _unanswered.Count;

    private Task<Answer[]> AskAsync(IEnumerable<KeyValuePair<string, string>> orders) =>
        Task.WhenAll(orders.Select(o => AskAsync(o.Key, o.Value)));

    private async Task<Answer> AskAsync(string orderId, string key)
    {
        // A late answer is not awaited: the next ask joins the order's read still under way.
        var asked = await BoundedCall.WithinAsync(() => GrainFactory.GetGrain<IVenueReportSink>(key).GetRestingAsync(), AnswerWithin);
        return asked switch
        {
            { Answered: true } => new Answer(orderId, key, asked.Value, null, null),
            { TimedOut: true } => new Answer(orderId, key, null, $"no answer within {AnswerWithin.TotalSeconds:0} s", null),
            _ => new Answer(orderId, key, null, asked.Failure!.Message, asked.Failure),
        };
    }

    /// <summary>
    /// Rests an order that answered with terms, forgets one that answered null (no longer working) or has nothing left to
    /// fill, and keeps asking one that did not answer.
    /// </summary>
    private void Take(Answer answer, bool again)
    {
        if (answer.Failure is { } cause)
        {
            _unanswered[answer.OrderId] = answer.Key;
            if (again)
                logger.LogDebug(answer.Error, "Paper book {Symbol}: order {OrderId} still cannot say its terms: {Cause}", Symbol, answer.OrderId, cause);
            else
                logger.LogWarning(answer.Error, "Paper book {Symbol}: order {OrderId} could not say its terms ({Cause}); kept stored and asked again every {Every}",
                    Symbol, answer.OrderId, cause, AskAgainEvery);
            return;
        }
        var rests = answer.Ticket is { } ticket && _venue.Rest(ticket.ToCore());
        if (rests)
            _grains[answer.Ticket!.OrderId] = answer.Key;
        if (again)
            logger.LogInformation("Paper book {Symbol}: order {OrderId} answered at last; it {Outcome}", Symbol, answer.OrderId,
                rests ? "rests again" : "no longer works here");
    }

    private void AskAgainLater() =>
        _askingAgain ??= this.RegisterGrainTimer(AskAgainAsync, new GrainTimerCreationOptions(AskAgainEvery, AskAgainEvery) { KeepAlive = true, Interleave = true });

    private async Task AskAgainAsync(CancellationToken _)
    {
        var answers = await AskAsync(_unanswered.ToList());
        foreach (var answer in answers)
            if (_unanswered.Remove(answer.OrderId)) // else it rested or withdrew by itself meanwhile
                Take(answer, again: true);
        if (_unanswered.Count == 0)
        {
            _askingAgain?.Dispose();
            _askingAgain = null;
        }
        ArmExpiry();
        await SaveDroppedAsync();
        if (_venue.WorkingCount > 0 && _renewal is null)
            await StartListeningAsync();
        else if (_venue.WorkingCount == 0)
            await StopListeningAsync(); // lets the wake reminder go once nothing is left to ask
        else
            await KeepWakeAsync();
    }

    /// <summary>Drops from the store the orders that answered they no longer work.</summary>
    private async Task SaveDroppedAsync()
    {
        if (StoredCount == state.State.Orders.Count)
            return;
        try
        {
            await SaveAsync();
        }
        catch (Exception e)
        {
            // Harmless meanwhile: a stored order that no longer works answers null to the next activation too.
            logger.LogWarning(e, "Paper book {Symbol}: orders no longer working could not be dropped from its store; written with its next change", Symbol);
        }
    }
}
