using Plan2.Abstractions.Tenancy;
using Telegram.Bot.Types;

namespace Plan2.Telegram.Commands;

/// <summary>
/// Every command in one table: name, least role, menu text, usage, handler. The router checks the
/// role from here before any handler runs, so no command can forget the check.
/// </summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, CommandSpec> _byName;

    public CommandTable(TelegramOptions options, TelegramBotStatus status, TimeProvider clock)
    {
        var market = new MarketCommands(status, clock);
        var account = new AccountCommands(clock);
        var trade = new TradeCommands(options);
        var strategies = new StrategyCommands(options);
        Settings = new SettingsCommands();
        Trade = trade;
        CommandSpec[] all =
        [
            new("help", UserRole.Viewer, "What I can do for you", "/help", (c, args) => Task.FromResult(Help(c.Link.Role, args))),
            new("status", UserRole.Viewer, "Platform and feed health", "/status", market.StatusAsync),
            new("price", UserRole.Viewer, "Last quote of a symbol", "/price EURUSD", market.PriceAsync),
            new("chart", UserRole.Viewer, "Candles with indicators", "/chart EURUSD [M1|M5|M15|H1|D1]", market.ChartAsync),
            new("predict", UserRole.Viewer, "The models' view of the next bar", "/predict EURUSD [M1|M5|M15|H1|D1]", market.PredictAsync),
            new("positions", UserRole.Viewer, "Open positions", "/positions", account.PositionsAsync),
            new("pnl", UserRole.Viewer, "Profit and loss", "/pnl [day|week|month]", account.PnlAsync),
            new("orders", UserRole.Viewer, "Working orders", "/orders", account.OrdersAsync),
            new("risk", UserRole.Viewer, "Risk limits and their use", "/risk", account.RiskAsync),
            new("strategies", UserRole.Viewer, "Strategies and their state", "/strategies", strategies.ListAsync),
            new("settings", UserRole.Viewer, "Your notifications", "/settings [KIND on|silent|off] | /settings threshold 0.8", Settings.SettingsAsync),
            new("buy", UserRole.Trader, "Buy at market (confirmed)", "/buy EURUSD 0.1", trade.BuyAsync),
            new("sell", UserRole.Trader, "Sell at market (confirmed)", "/sell EURUSD 0.1", trade.SellAsync),
            new("close", UserRole.Trader, "Close positions (confirmed)", "/close EURUSD | /close all", trade.CloseAsync),
            new("strategy", UserRole.Trader, "Turn a strategy on or off", "/strategy trend-1/EURUSD on|off", strategies.SwitchAsync),
            new("killswitch", UserRole.Admin, "Stop all new orders of the tenant (confirmed)", "/killswitch [on|off]", trade.KillSwitchAsync),
        ];
        All = all;
        _byName = all.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<CommandSpec> All { get; }
    public TradeCommands Trade { get; }
    public SettingsCommands Settings { get; }

    public CommandSpec? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The menu Telegram shows a chat of this role (setMyCommands); null: an unlinked chat, which can only /start.</summary>
    public IReadOnlyList<BotCommand> MenuFor(UserRole? role)
    {
        var start = new BotCommand { Command = "start", Description = "Link this chat: /start CODE" };
        return role is not { } r ? [start] : [start, .. All.Where(c => r >= c.MinRole).Select(c => new BotCommand { Command = c.Name, Description = c.Description })];
    }

    private Reply Help(UserRole role, IReadOnlyList<string> args)
    {
        Args.NoMoreThan(args, 0); // like every other command: an argument it does not take is said, not ignored
        var lines = All.Where(c => role >= c.MinRole).Select(c => $"{c.Usage}: {c.Description}");
        var name = role.ToString().ToLowerInvariant();
        return new Reply($"Commands for {(name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {name}:\n" + string.Join("\n", lines));
    }
}
