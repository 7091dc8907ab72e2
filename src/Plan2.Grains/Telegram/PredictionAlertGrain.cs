using System.Globalization;
using Orleans.Streams;
using Orleans.Streams.Core;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Telegram;

namespace Plan2.Grains.Telegram;

/// <summary>Receives one symbol and timeframe's predictions (key "SYMBOL/TIMEFRAME") from the predictions stream.</summary>
[Alias("plan2.IPredictionAlertGrain")]
public interface IPredictionAlertGrain : IGrainWithStringKey;

/// <summary>
/// Strong predictions for the chats that asked for them: each prediction whose confidence reaches a
/// chat's threshold is queued once for that chat (at most one per bar and symbol, as predictions come).
/// Subscribed implicitly, so no one has to remember to start it.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Predictions)]
public sealed class PredictionAlertGrain : Grain, IPredictionAlertGrain, IStreamSubscriptionObserver, IAsyncObserver<PredictionView>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<PredictionView>().ResumeAsync(this);

    public async Task OnNextAsync(PredictionView item, StreamSequenceToken? token = null)
    {
        var links = await GrainFactory.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(null);
        var messages = links
            .Where(l => l.ModeFor(NotificationKind.Predictions) != NotificationMode.Off && item.Confidence > l.ConfidenceThreshold)
            .Select(l => new OutboxMessage(l.ChatId, NotificationKind.Predictions, Describe(item), l.ModeFor(NotificationKind.Predictions) == NotificationMode.Silent, l.Tenant))
            .ToList();
        if (messages.Count > 0)
            await GrainFactory.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).EnqueueAsync(messages);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public static string Describe(PredictionView p) => string.Create(CultureInfo.InvariantCulture,
        $"🔮 Strong prediction: {p.Symbol} {p.Timeframe} {(p.Direction > 0 ? "UP" : p.Direction < 0 ? "DOWN" : "FLAT")}, P(up) {p.ProbabilityUp:0.000}, confidence {p.Confidence:0.00}, for the bar after {DateTimeOffset.FromUnixTimeMilliseconds(p.BarTimeUnixMs):yyyy-MM-dd HH:mm} UTC");
}
