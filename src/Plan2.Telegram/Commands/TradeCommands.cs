using System.Text;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using Telegram.Bot.Types.ReplyMarkups;
using static Plan2.Telegram.Commands.Args;

namespace Plan2.Telegram.Commands;

/// <summary>
/// /buy, /sell, /close, /killswitch: each only offers the action with Confirm and Cancel buttons; nothing
/// reaches the account until the user confirms, and an offer past its lifetime does nothing at all.
/// Orders go through the account grain, so pre-trade risk judges them like any other.
/// </summary>
public sealed class TradeCommands(TelegramOptions options)
{
    public Task<Reply> BuyAsync(ChatContext c, IReadOnlyList<string> args) => OrderAsync(c, args, "buy");

    public Task<Reply> SellAsync(ChatContext c, IReadOnlyList<string> args) => OrderAsync(c, args, "sell");

    private Task<Reply> OrderAsync(ChatContext c, IReadOnlyList<string> args, string side)
    {
        var symbol = Symbol(args, 0);
        var lots = Lots(args, 1);
        NoMoreThan(args, 2);
        return OfferAsync(c, new PendingAction(side, c.AccountKey, c.Link.User, symbol, lots),
            $"{side.ToUpperInvariant()} {N(lots)} {symbol} at market on {c.AccountId}?");
    }

    public async Task<Reply> CloseAsync(ChatContext c, IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            throw new CommandArgumentException("Name a symbol to close, or 'all'.");
        var symbol = args[0].Equals("all", StringComparison.OrdinalIgnoreCase) ? "ALL" : Symbol(args, 0);
        NoMoreThan(args, 1);
        var account = await AccountCommands.RequireAccountAsync(c);
        var open = account.Positions.Where(p => symbol == "ALL" || p.Symbol == symbol).ToList();
        if (open.Count == 0)
            return new Reply(symbol == "ALL" ? $"No open positions on {c.AccountId}." : $"No open {symbol} position on {c.AccountId}.");
        var what = string.Join(", ", open.Select(p => $"{p.Side.ToString().ToUpperInvariant()} {N(p.Quantity)} {p.Symbol}"));
        return await OfferAsync(c, new PendingAction("close", c.AccountKey, c.Link.User, symbol), $"Close {what} at market on {c.AccountId}?");
    }

    public Task<Reply> KillSwitchAsync(ChatContext c, IReadOnlyList<string> args)
    {
        var engage = OneOf(args, 0, "on", "on", "off") == "on";
        NoMoreThan(args, 1);
        return OfferAsync(c, new PendingAction("killswitch", c.AccountKey, c.Link.User, Engage: engage),
            engage ? $"ENGAGE the kill switch of {c.Link.Tenant}? No new orders will be accepted." : $"Release the kill switch of {c.Link.Tenant}?");
    }

    private async Task<Reply> OfferAsync(ChatContext c, PendingAction action, string question)
    {
        var id = await c.Grains.GetGrain<ITelegramChatGrain>(c.ChatId).OfferAsync(action, options.ConfirmationLifetime);
        var keyboard = new InlineKeyboardMarkup(new[]
        {
            InlineKeyboardButton.WithCallbackData("✅ Confirm", CallbackData.Confirm + id),
            InlineKeyboardButton.WithCallbackData("✖ Cancel", CallbackData.Cancel + id),
        });
        return new Reply($"Confirm: {question}\nThis offer expires in {options.ConfirmationLifetime.TotalSeconds:0} s.", keyboard);
    }

    /// <summary>Runs a confirmed action; the client order id comes from the chat and the offer, so a repeat cannot trade twice.</summary>
    public async Task<string> ExecuteAsync(ChatContext c, string offerId, PendingAction action)
    {
        var account = c.Grains.GetGrain<IAccountGrain>(action.Account);
        var by = Actor.User(action.User);
        var orderId = $"tg{c.ChatId}-{offerId}";
        switch (action.Kind)
        {
            case "buy" or "sell":
                var side = action.Kind == "buy" ? TradeSide.Buy : TradeSide.Sell;
                return Describe(await account.PlaceOrderAsync(new PlaceOrder(orderId, action.Symbol!, side, action.Quantity, by)));
            case "close":
                var view = await AccountCommands.RequireAccountAsync(c);
                var text = new StringBuilder();
                var n = 0;
                foreach (var p in view.Positions.Where(p => action.Symbol == "ALL" || p.Symbol == action.Symbol))
                {
                    var close = new PlaceOrder($"{orderId}-{++n}", p.Symbol, p.Side == TradeSide.Buy ? TradeSide.Sell : TradeSide.Buy, p.Quantity, by,
                        ReduceOnly: true, PositionTicket: view.Mode == PositionMode.Hedging ? p.Ticket : null);
                    text.AppendLine(Describe(await account.PlaceOrderAsync(close)));
                }
                return n == 0 ? "Nothing left to close." : text.ToString().TrimEnd();
            case "killswitch":
                await c.Grains.GetGrain<IKillSwitchGrain>(c.Link.Tenant).SetAsync(action.Engage, by); // the switch tells the tenant's chats
                return $"🛑 Kill switch of {c.Link.Tenant} {(action.Engage ? "ENGAGED" : "released")} by {action.User} (Telegram).";
            default:
                return $"Unknown action '{action.Kind}'.";
        }
    }

    private static string Describe(OrderOutcome outcome)
    {
        if (outcome.Order is not { } o)
            return $"❌ Refused ({outcome.RefusalCode}): {outcome.Message}";
        var what = $"{o.Side.ToString().ToUpperInvariant()} {N(o.Quantity)} {o.Symbol}";
        if (outcome.IsRefused)
            return $"❌ {what} refused by risk ({outcome.RefusalCode}): {outcome.Message}";
        return o.State switch
        {
            OrderState.Filled => $"✅ {what} filled at {N(o.AverageFillPrice ?? 0m)} (order {o.ClientOrderId}).",
            OrderState.Rejected => $"❌ {what} rejected by the venue: {o.LastReason}",
            _ => $"{what}: {o.State}, filled {N(o.FilledQuantity)} (order {o.ClientOrderId}).",
        };
    }
}
