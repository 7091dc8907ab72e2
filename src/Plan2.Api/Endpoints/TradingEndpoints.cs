using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Api.Auth;
using Plan2.Api.Infrastructure;
using Plan2.Core.Tenancy;

namespace Plan2.Api.Endpoints;

/// <summary>
/// Accounts, orders, positions and kill switches of the caller's tenant. The tenant always comes from the
/// token: an id in the path or body only ever names something inside it, so another tenant's ids find nothing.
/// </summary>
public static class TradingEndpoints
{
    public static void MapTradingEndpoints(this RouteGroupBuilder api)
    {
        var trading = api.MapGroup("").WithTags("Trading");
        trading.MapPost("/accounts", OpenAccount).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("OpenAccount")
            .WithSummary("Opens a trading account (currency, netting or hedging, first deposit).");
        trading.MapGet("/accounts", ListAccounts).RequireAuthorization(ApiPolicies.Viewer).WithName("ListAccounts");
        trading.MapGet("/accounts/{id}", GetAccount).RequireAuthorization(ApiPolicies.Viewer).WithName("GetAccount")
            .WithSummary("Cash, positions, P&L by strategy, open orders and limits of one account.");
        trading.MapPost("/orders", PlaceOrder).RequireAuthorization(ApiPolicies.Trader).WithName("PlaceOrder")
            .WithSummary("Places an order through pre-trade risk; a resend of a clientOrderId returns the first order.");
        trading.MapGet("/orders", ListOrders).RequireAuthorization(ApiPolicies.Viewer).WithName("ListOrders")
            .WithSummary("The tenant's orders (or one account's), newest first.");
        trading.MapGet("/orders/{id}", GetOrder).RequireAuthorization(ApiPolicies.Viewer).WithName("GetOrder")
            .WithSummary("One order (id 'ACCOUNT.CLIENT-ORDER-ID') with its fills and audit trail.");
        trading.MapDelete("/orders/{id}", CancelOrder).RequireAuthorization(ApiPolicies.Trader).WithName("CancelOrder");
        trading.MapGet("/positions", ListPositions).RequireAuthorization(ApiPolicies.Viewer).WithName("ListPositions");
        trading.MapPost("/kill-switch", SetKillSwitch).RequireAuthorization(ApiPolicies.Trader).WithName("SetKillSwitch")
            .WithSummary("Stops (or resumes) new orders of an account, the tenant, or the platform.");
    }

    public static async Task<Results<Created<AccountView>, ValidationProblem>> OpenAccount(OpenAccountRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var mode = (request.Mode ?? "netting").Trim().ToLowerInvariant() switch { "netting" => PositionMode.Netting, "hedging" => PositionMode.Hedging, _ => (PositionMode)0 };
        var check = new Validation()
            .Require(TenantNames.IsValidTenantId(request.AccountId), "accountId", "An account id is 2-40 lower-case letters, digits or inner hyphens.")
            .Require(request.Currency is { Length: 3 } c && c.All(char.IsAsciiLetterUpper), "currency", "Currency is a three-letter code in capitals (USD).")
            .Require(mode != 0, "mode", "Mode must be netting or hedging.")
            .Require(request.Deposit is >= 0m, "deposit", "Deposit must be zero or more.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var view = await grains.GetGrain<IAccountGrain>($"{caller.TenantId}/{request.AccountId}")
            .OpenAsync(new OpenAccount(request.Currency!, mode, request.Deposit!.Value, caller.Actor));
        await grains.GetGrain<ITenantAccountsGrain>(caller.TenantId).RegisterAsync(request.AccountId!);
        return TypedResults.Created($"/api/accounts/{request.AccountId}", view);
    }

    public static async Task<Ok<IReadOnlyList<AccountView>>> ListAccounts(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var ids = await grains.GetGrain<ITenantAccountsGrain>(caller.TenantId).ListAsync();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IAccountGrain>($"{caller.TenantId}/{id}").GetAsync()));
        return TypedResults.Ok<IReadOnlyList<AccountView>>(views.OfType<AccountView>().ToList());
    }

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAccount(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TenantNames.IsValidTenantId(id))
            return NotFound($"There is no account '{id}'.");
        var view = await grains.GetGrain<IAccountGrain>($"{Caller.From(user).TenantId}/{id}").GetAsync();
        return view is null ? NotFound($"There is no account '{id}'.") : TypedResults.Ok(view);
    }

    public static async Task<Results<Created<OrderView>, Ok<OrderView>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest request, ClaimsPrincipal user, IGrainFactory grains, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null)
    {
        var caller = Caller.From(user);
        var check = request.Validate(out var side, out var type);
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        // A client that retries over HTTP without a clientOrderId names its order by the Idempotency-Key header instead:
        // without either, each post is a new order (the id is made up here).
        if (idempotencyKey is not null && request.ClientOrderId is not null && idempotencyKey != request.ClientOrderId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["clientOrderId"] = ["clientOrderId and the Idempotency-Key header name the order twice, differently; send one."] });
        var account = request.AccountId ?? PlaceOrderRequest.DefaultAccount;
        var accountGrain = grains.GetGrain<IAccountGrain>($"{caller.TenantId}/{account}");
        if (await accountGrain.GetAsync() is null)
            return NotFound($"There is no account '{account}'.");
        var order = new PlaceOrder(request.ClientOrderId ?? idempotencyKey ?? "api-" + Guid.NewGuid().ToString("n")[..20], request.Symbol!.ToUpperInvariant(),
            side, request.Quantity!.Value, caller.Actor, type, request.LimitPrice, request.StopPrice);
        var outcome = await accountGrain.PlaceOrderAsync(order); // resent while a silo fails over (OrderResendFilter): idempotent by client order id
        if (outcome.IsRefused)
            return TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = outcome.RefusalCode, ["order"] = outcome.Order });
        return outcome.Duplicate
            ? TypedResults.Ok(outcome.Order!)
            : TypedResults.Created($"/api/orders/{outcome.Order!.OrderId}", outcome.Order!);
    }

    public static async Task<Results<Ok<IReadOnlyList<OrderView>>, ValidationProblem>> ListOrders(
        string? accountId, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var max = limit ?? 100;
        var check = new Validation()
            .Require(accountId is null || TenantNames.IsValidTenantId(accountId), "accountId", "An account id is 2-40 lower-case letters, digits or inner hyphens.")
            .Require(max is >= 1 and <= 1000, "limit", "Limit must be between 1 and 1000.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        return TypedResults.Ok(await TenantOrders.ListAsync(grains, Caller.From(user).TenantId, accountId, max));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!OrderIdText.TryParse(id, out _, out _))
            return NotFound($"There is no order '{id}'.");
        var view = await grains.GetGrain<IOrderGrain>($"{Caller.From(user).TenantId}/{id}").GetAsync();
        return view is null ? NotFound($"There is no order '{id}'.") : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CancelOrder(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (!OrderIdText.TryParse(id, out var account, out var clientOrderId))
            return NotFound($"There is no order '{id}'.");
        if (await grains.GetGrain<IOrderGrain>($"{caller.TenantId}/{id}").GetAsync() is null)
            return NotFound($"There is no order '{id}'.");
        var outcome = await grains.GetGrain<IAccountGrain>($"{caller.TenantId}/{account}").CancelOrderAsync(clientOrderId, caller.Actor);
        return outcome.IsRefused
            ? TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = outcome.RefusalCode })
            : TypedResults.Ok(outcome.Order!);
    }

    public static async Task<Results<Ok<IReadOnlyList<AccountPositions>>, ValidationProblem>> ListPositions(string? accountId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (accountId is not null && !TenantNames.IsValidTenantId(accountId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["An account id is 2-40 lower-case letters, digits or inner hyphens."] });
        var tenant = Caller.From(user).TenantId;
        var result = new List<AccountPositions>();
        foreach (var account in await TenantOrders.AccountsAsync(grains, tenant, accountId))
            if (await grains.GetGrain<IAccountGrain>($"{tenant}/{account}").GetAsync() is { } view)
                result.Add(new AccountPositions(account, view.Positions));
        return TypedResults.Ok<IReadOnlyList<AccountPositions>>(result);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetKillSwitch(KillSwitchRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var scope = (request.Scope ?? (request.AccountId is null ? "tenant" : "account")).Trim().ToLowerInvariant();
        var check = new Validation()
            .Require(request.Engaged is not null, "engaged", "Say engaged: true to stop new orders or false to resume.")
            .Require(scope is "account" or "tenant" or "platform", "scope", "Scope must be account, tenant or platform.")
            .Require(scope != "account" || TenantNames.IsValidTenantId(request.AccountId), "accountId", "An account kill switch needs the account id.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        switch (scope)
        {
            case "account":
                var account = grains.GetGrain<IAccountGrain>($"{caller.TenantId}/{request.AccountId}");
                if (await account.GetAsync() is null)
                    return NotFound($"There is no account '{request.AccountId}'.");
                await account.SetKillSwitchAsync(request.Engaged!.Value, caller.Actor);
                break;
            case "tenant" when caller.Role == UserRole.Admin:
                await grains.GetGrain<IKillSwitchGrain>(caller.TenantId).SetAsync(request.Engaged!.Value, caller.Actor);
                break;
            case "platform" when caller.IsPlatformAdmin:
                await grains.GetGrain<IKillSwitchGrain>("platform").SetAsync(request.Engaged!.Value, caller.Actor);
                break;
            default:
                return TypedResults.Problem($"Your role may not set the {scope} kill switch.", statusCode: StatusCodes.Status403Forbidden);
        }
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
