using System.Globalization;
using System.Text;
using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Trading;
using Plan2.Core.Configuration;
using static Plan2.Telegram.Commands.Args;

namespace Plan2.Telegram.Commands;

/// <summary>
/// /strategies and /strategy NAME on|off. A strategy is named "ID/SYMBOL" (its grain is
/// TENANT/ACCOUNT/ID/SYMBOL); the list covers every strategy configured on the account, traded or not.
/// </summary>
public sealed class StrategyCommands(TelegramOptions options)
{
    public async Task<Reply> ListAsync(ChatContext c, IReadOnlyList<string> args)
    {
        NoMoreThan(args, 0);
        var account = await AccountCommands.RequireAccountAsync(c);
        // Every strategy configured on the account (the account's list), plus those that traded on the configured symbols before the list existed.
        var listed = await c.Grains.GetGrain<IAccountStrategiesGrain>(c.AccountKey).ListAsync();
        var traded = account.Strategies.Select(s => s.StrategyId).Concat(account.Positions.Select(p => p.StrategyId))
            .OfType<string>().Where(id => !id.StartsWith("copy:", StringComparison.Ordinal)).Distinct()
            .SelectMany(id => options.Symbols.Select(symbol => $"{id}/{symbol}"));
        var names = listed.Concat(traded).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var statuses = await Task.WhenAll(names.Select(n => n.Split('/')).Select(p => Grain(c, p[0], p[1]).GetAsync()));
        var text = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
            if (statuses[i].Config is { } config)
                text.Append(CultureInfo.InvariantCulture,
                    $"{names[i]}: {(config.Enabled ? "on" : "off")}, {N(config.Lots)} lots {config.Timeframe}, target {N(statuses[i].TargetLots)} ({statuses[i].Reason})\n");
        return new Reply(text.Length == 0 ? $"No strategies on {c.AccountId} yet." : "Strategies on " + c.AccountId + ":\n" + text.ToString().TrimEnd());
    }

    public async Task<Reply> SwitchAsync(ChatContext c, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].Split('/') is not [{ Length: > 0 } id, { Length: > 0 } symbolText])
            throw new CommandArgumentException("Name the strategy as ID/SYMBOL, e.g. trend-1/EURUSD.");
        var symbol = Symbol([symbolText], 0);
        if (args.Count < 2)
            throw new CommandArgumentException("Say on or off.");
        var enable = OneOf(args, 1, "on", "on", "off") == "on";
        NoMoreThan(args, 2);
        var grain = Grain(c, id, symbol);
        var status = await grain.GetAsync();
        if (status.Config is not { } config)
            return new Reply($"No strategy {id}/{symbol} on {c.AccountId}.");
        if (config.Enabled == enable)
            return new Reply($"{id}/{symbol} is already {(enable ? "on" : "off")}.");
        // Through the configuration grain, as every change of a strategy's settings: it validates, applies it to the
        // strategy and keeps it as a version with who made it (a direct call would leave no trace in the history).
        var change = await c.Grains.GetGrain<IConfigGrain>(ConfigKey.Strategy(c.Link.Tenant, c.AccountId, id, symbol).ToString())
            .SetAsync(new ConfigValue(Strategy: config with { Enabled = enable }), Actor.User(c.Link.User), $"/strategy {(enable ? "on" : "off")} in Telegram");
        if (!change.Accepted)
            return new Reply($"{id}/{symbol} stays {(config.Enabled ? "on" : "off")}: {string.Join(" ", change.Reasons)}");
        return new Reply($"{id}/{symbol} is now {(enable ? "on" : "off")}; it applies from the next bar.");
    }

    private static IStrategyGrain Grain(ChatContext c, string id, string symbol) =>
        c.Grains.GetGrain<IStrategyGrain>($"{c.AccountKey}/{id}/{symbol}");
}
