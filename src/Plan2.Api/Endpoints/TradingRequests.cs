using Plan2.Abstractions.Trading;
using Plan2.Api.Infrastructure;
using Plan2.Core.Tenancy;

namespace Plan2.Api.Endpoints;

/// <summary>An order as the API takes it; prices and quantity exact decimals, quantity in lots.</summary>
public sealed record PlaceOrderRequest(
    string? Symbol, string? Side, decimal? Quantity, string? Type = null, decimal? LimitPrice = null, decimal? StopPrice = null, string? AccountId = null,
    string? ClientOrderId = null)
{
    public const string DefaultAccount = "main";

    public Validation Validate(out TradeSide side, out TradeOrderType type)
    {
        side = Side?.Trim().ToLowerInvariant() switch { "buy" => TradeSide.Buy, "sell" => TradeSide.Sell, _ => 0 };
        type = (Type ?? "market").Trim().ToLowerInvariant() switch
        {
            "market" => TradeOrderType.Market, "limit" => TradeOrderType.Limit, "stop" => TradeOrderType.Stop,
            "stop-limit" or "stoplimit" or "stop_limit" => TradeOrderType.StopLimit, _ => 0,
        };
        var v = new Validation()
            .Require(MarketEndpoints.IsSymbol(Symbol), "symbol", "Give a symbol such as EURUSD.")
            .Require(side != 0, "side", "Side must be buy or sell.")
            .Require(Quantity is > 0m, "quantity", "Quantity must be a positive number of lots.")
            .Require(type != 0, "type", "Type must be market, limit, stop or stop-limit.")
            .Require(AccountId is null || TenantNames.IsValidTenantId(AccountId), "accountId", "An account id is 2-40 lower-case letters, digits or inner hyphens.")
            .Require(ClientOrderId is null || OrderIdText.IsValidClientOrderId(ClientOrderId), "clientOrderId", "A client order id is 1-64 letters, digits, '_', '-' or ':'.");
        var needsLimit = type is TradeOrderType.Limit or TradeOrderType.StopLimit;
        var needsStop = type is TradeOrderType.Stop or TradeOrderType.StopLimit;
        v.Require(!needsLimit || LimitPrice is > 0m, "limitPrice", "A limit or stop-limit order needs a positive limitPrice.")
         .Require(needsLimit || LimitPrice is null, "limitPrice", "Only limit and stop-limit orders take a limitPrice.")
         .Require(!needsStop || StopPrice is > 0m, "stopPrice", "A stop or stop-limit order needs a positive stopPrice.")
         .Require(needsStop || StopPrice is null, "stopPrice", "Only stop and stop-limit orders take a stopPrice.");
        return v;
    }
}

/// <summary>Opens an account of the caller's tenant.</summary>
public sealed record OpenAccountRequest(string? AccountId, string? Currency, decimal? Deposit, string? Mode = null);

/// <summary>Engages or releases a kill switch: of an account (traders), the tenant (tenant admins) or the platform (platform admins).</summary>
public sealed record KillSwitchRequest(bool? Engaged, string? Scope = null, string? AccountId = null);

public sealed record AccountPositions(string AccountId, IReadOnlyList<PositionView> Positions);

/// <summary>Order ids as the API shows them: "ACCOUNT.CLIENT-ORDER-ID", always within the caller's tenant.</summary>
internal static class OrderIdText
{
    public static bool IsValidClientOrderId(string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':');

    public static bool TryParse(string id, out string account, out string clientOrderId)
    {
        var dot = id.IndexOf('.');
        account = dot > 0 ? id[..dot] : "";
        clientOrderId = dot > 0 ? id[(dot + 1)..] : "";
        return TenantNames.IsValidTenantId(account) && IsValidClientOrderId(clientOrderId);
    }
}
