namespace Plan2.Abstractions.Telegram;

/// <summary>
/// One Telegram chat (key: its chat id): actions waiting for the user's confirmation. An offer expires;
/// taking it after expiry, twice, or after cancelling yields nothing, so nothing is sent.
/// </summary>
[Alias("plan2.ITelegramChatGrain")]
public interface ITelegramChatGrain : IGrainWithIntegerKey
{
    /// <summary>Holds an action until it is confirmed or its lifetime ends; returns its id for the buttons.</summary>
    [Alias("Offer")] Task<string> OfferAsync(PendingAction action, TimeSpan lifetime);

    /// <summary>The action if it is still waiting (removing it), else why not ("expired", "unknown").</summary>
    [Alias("Take")] Task<TakenAction> TakeAsync(string id);

    /// <summary>Drops a waiting action; true if it was waiting.</summary>
    [Alias("Cancel")] Task<bool> CancelAsync(string id);
}

/// <summary>
/// A trading action a user asked for in a chat, to run only once confirmed. Kind: "buy", "sell",
/// "close" (Symbol, or "ALL"), "killswitch" (Engage). Account is "TENANT/ACCOUNT".
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.pending-action")]
public sealed record PendingAction(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Account,
    [property: Id(2)] string User,
    [property: Id(3)] string? Symbol = null,
    [property: Id(4)] decimal Quantity = 0m,
    [property: Id(5)] bool Engage = false);

[GenerateSerializer, Immutable, Alias("plan2.taken-action")]
public sealed record TakenAction([property: Id(0)] PendingAction? Action, [property: Id(1)] string? Refusal = null);
