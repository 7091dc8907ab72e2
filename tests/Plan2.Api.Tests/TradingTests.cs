using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class TradingTests(ApiFixture api)
{
    [Fact]
    public async Task Order_PlacedFilledListedAndInPositions_ResendIsTheSameOrder()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        var order = new { symbol = "EURUSD", side = "buy", quantity = 0.1m, type = "market", clientOrderId = "first" };

        var placed = await trader.PostAsJsonAsync("/api/orders", order);
        var resent = await trader.PostAsJsonAsync("/api/orders", order);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var view = (await placed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("main.first", view["orderId"]!.GetValue<string>());
        Assert.Equal("Filled", view["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var listed = await trader.GetFromJsonAsync<JsonArray>("/api/orders");
        Assert.Equal("main.first", Assert.Single(listed!)!["orderId"]!.GetValue<string>());
        var positions = await trader.GetFromJsonAsync<JsonArray>("/api/positions");
        var position = Assert.Single(positions![0]!["positions"]!.AsArray());
        Assert.Equal(0.1m, position!["quantity"]!.GetValue<decimal>());
        Assert.NotNull(position["unrealizedPnl"]?.GetValue<decimal>()); // valued at the quote of now, in account currency
    }

    [Fact]
    public async Task Order_WithoutClientOrderId_RetriedWithTheSameIdempotencyKey_IsOneOrder()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        HttpRequestMessage Post(string key) => new(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { symbol = "EURUSD", side = "buy", quantity = 0.1m, type = "market" }),
            Headers = { { "Idempotency-Key", key } },
        };

        using var placed = await trader.SendAsync(Post("retry-7"));
        using var retried = await trader.SendAsync(Post("retry-7"));
        using var another = await trader.SendAsync(Post("retry-8"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created), (placed.StatusCode, retried.StatusCode, another.StatusCode));
        Assert.Equal("main.retry-7", (await retried.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>());
        var account = (await trader.GetFromJsonAsync<JsonObject>("/api/accounts/main"))!;
        Assert.Equal(2, account["ordersPlaced"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cancel_RestingLimit_ThenAgainIsAConflict()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        (await trader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.1m, type = "limit", limitPrice = 1.09m, clientOrderId = "rest" }))
            .EnsureSuccessStatusCode();

        var cancelled = await trader.DeleteAsync("/api/orders/main.rest");
        var again = await trader.DeleteAsync("/api/orders/main.rest");

        Assert.Equal("Canceled", (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        Assert.Equal("OrderClosed", (await ProblemAssert.IsProblem(again, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARoleRefusal_NamesTheRoleNeeded_AndTheCallersOwn()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        using var viewer = api.Client((await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);

        var open = await ProblemAssert.IsProblem(await trader.PostAsJsonAsync("/api/accounts", new { accountId = "x", currency = "USD", deposit = 1000 }),
            HttpStatusCode.Forbidden);
        var place = await ProblemAssert.IsProblem(await viewer.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.1m }),
            HttpStatusCode.Forbidden);

        Assert.Equal("This needs the tenant-admin role; you have viewer, trader.", open["detail"]!.GetValue<string>());
        Assert.Equal("This needs the trader role; you have viewer.", place["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task KillSwitch_TenantAdminStopsTheTenant_OrdersDenied()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);

        await ProblemAssert.IsProblem(await trader.PostAsJsonAsync("/api/kill-switch", new { engaged = true, scope = "tenant" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/kill-switch", new { engaged = true })).StatusCode);
        var denied = await trader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.1m });

        var problem = await ProblemAssert.IsProblem(denied, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Denied", problem["order"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_ShowsSecurityAndOrderEvents_ExportAndErasureKeepTheTrailWithoutThePerson()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        var traderEmail = tenant.Email("trader");
        using var trader = api.Client((await api.SignInAsync(traderEmail, tenant.Password)).AccessToken);
        (await trader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.1m, clientOrderId = "mine" })).EnsureSuccessStatusCode();
        var userId = (await trader.GetFromJsonAsync<JsonObject>("/api/me"))!["userId"]!.GetValue<string>();

        var export = await trader.GetFromJsonAsync<JsonObject>("/api/me/export");
        Assert.Equal(traderEmail, export!["identity"]!["user"]!["email"]!.GetValue<string>());
        Assert.Equal("main.mine", Assert.Single(export["orders"]!.AsArray())!["orderId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await trader.DeleteAsync("/api/me")).StatusCode);

        using var anonymous = api.Client();
        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email = traderEmail, password = tenant.Password }), HttpStatusCode.Unauthorized);
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var audit = await admin.GetStringAsync("/api/audit");
        Assert.DoesNotContain(traderEmail, audit);
        Assert.Contains("\"source\":\"order\"", audit);
        Assert.Contains("signed-in", audit);
        Assert.Contains("user-erased", audit);
        var order = await admin.GetFromJsonAsync<JsonObject>("/api/orders/main.mine");
        Assert.Equal($"user:{userId}", order!["audit"]![0]!["by"]!["kind"]!.GetValue<string>().ToLowerInvariant() + ":" + order["audit"]![0]!["by"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(traderEmail, order.ToJsonString());
        // The email is free again: the tenant's admin can invite a new person with it.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/users", new { email = traderEmail, password = tenant.Password, role = "viewer" })).StatusCode);
    }
}
