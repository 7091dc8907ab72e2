using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Tests;

/// <summary>Every endpoint called by tenant B with tenant A's identifiers: refused, and A's data unchanged.</summary>
[Collection(ApiCollection.Name)]
public class TenantIsolationTests(ApiFixture api, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task OtherTenantsIds_RefusedEverywhere_AndNothingChanges()
    {
        var a = await api.NewTenantAsync();
        var b = await api.NewTenantAsync();
        await api.OpenAccountAsync(a, "alpha");
        await api.OpenAccountAsync(b, "beta");
        using var aTrader = api.Client((await api.SignInAsync(a.Email("trader"), a.Password)).AccessToken);
        var placed = await aTrader.PostAsJsonAsync("/api/orders",
            new { symbol = "EURUSD", side = "buy", quantity = 0.02m, type = "limit", limitPrice = 1.09m, accountId = "alpha", clientOrderId = "resting-1" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>();
        var keyId = (await (await api.Client((await api.SignInAsync(a.Email("tenant-admin"), a.Password)).AccessToken)
            .PostAsJsonAsync($"/api/tenants/{a.Id}/api-keys", new { name = "a-key", role = "viewer" })).Content.ReadFromJsonAsync<JsonObject>())!["info"]!["keyId"]!.GetValue<string>();

        using var bAdmin = api.Client((await api.SignInAsync(b.Email("tenant-admin"), b.Password)).AccessToken);
        // Each refused with its status and a problem body; counted for the benchmark report (HostileRequestTests.Report).
        var refusals = new (Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status)[]
        {
            (() => bAdmin.GetAsync($"/api/tenants/{a.Id}"), HttpStatusCode.Forbidden),
            (() => bAdmin.GetAsync($"/api/tenants/{a.Id}/users"), HttpStatusCode.Forbidden),
            (() => bAdmin.PostAsJsonAsync($"/api/tenants/{a.Id}/users", new { email = $"intruder@{b.Id}.test", password = b.Password, role = "tenant-admin" }), HttpStatusCode.Forbidden),
            (() => bAdmin.GetAsync($"/api/tenants/{a.Id}/api-keys"), HttpStatusCode.Forbidden),
            (() => bAdmin.PostAsJsonAsync($"/api/tenants/{a.Id}/api-keys", new { name = "x", role = "viewer" }), HttpStatusCode.Forbidden),
            (() => bAdmin.DeleteAsync($"/api/tenants/{a.Id}/api-keys/{keyId}"), HttpStatusCode.Forbidden),
            (() => bAdmin.PutAsJsonAsync($"/api/tenants/{a.Id}/settings", new { baseCurrency = "USD", maxUsers = 1, apiRequestsPerMinute = 1, maxOpenOrders = 0, maxOrderNotional = 1m }), HttpStatusCode.Forbidden),
            (() => bAdmin.GetAsync("/api/accounts/alpha"), HttpStatusCode.NotFound),
            (() => bAdmin.GetAsync($"/api/orders/{orderId}"), HttpStatusCode.NotFound),
            (() => bAdmin.DeleteAsync($"/api/orders/{orderId}"), HttpStatusCode.NotFound),
            (() => bAdmin.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "sell", quantity = 0.01m, accountId = "alpha" }), HttpStatusCode.NotFound),
            (() => bAdmin.PostAsJsonAsync("/api/kill-switch", new { engaged = true, accountId = "alpha" }), HttpStatusCode.NotFound),
            (() => bAdmin.PostAsJsonAsync("/api/kill-switch", new { engaged = true, scope = "platform" }), HttpStatusCode.Forbidden),
        };
        foreach (var (send, status) in refusals)
            await ProblemAssert.IsProblem(await send(), status);
        Assert.Empty((await bAdmin.GetFromJsonAsync<JsonArray>("/api/orders?accountId=alpha"))!);
        Assert.Empty((await bAdmin.GetFromJsonAsync<JsonArray>("/api/positions?accountId=alpha"))!);
        Assert.DoesNotContain("alpha", (await bAdmin.GetStringAsync("/api/orders")));
        Assert.DoesNotContain("resting-1", (await bAdmin.GetStringAsync("/api/audit")));

        // A's order and account are as they were: still working, no kill switch.
        var order = await aTrader.GetFromJsonAsync<JsonObject>($"/api/orders/{orderId}");
        Assert.Equal(nameof(OrderState.Accepted), order!["state"]!.GetValue<string>());
        var account = await aTrader.GetFromJsonAsync<JsonObject>("/api/accounts/alpha");
        Assert.False(account!["killSwitch"]!.GetValue<bool>());
        using var aAdmin = api.Client((await api.SignInAsync(a.Email("tenant-admin"), a.Password)).AccessToken);
        Assert.Equal(3, (await aAdmin.GetFromJsonAsync<JsonArray>($"/api/tenants/{a.Id}/users"))!.Count);
        Assert.Null((await aAdmin.GetFromJsonAsync<JsonArray>($"/api/tenants/{a.Id}/api-keys"))![0]!["revokedAt"]?.GetValue<DateTimeOffset?>());
        HostileRequestTests.Report(output, "wrong-tenant requests", refusals.Length, "403 or 404");
    }

    [Fact]
    public async Task Viewer_CannotPlaceOrCancelOrders_NorReadTheAudit()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var viewer = api.Client((await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);

        await ProblemAssert.IsProblem(await viewer.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.01m }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await viewer.DeleteAsync("/api/orders/main.x"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await viewer.PostAsJsonAsync("/api/tenants", new { name = "Mine" }), HttpStatusCode.Forbidden);
        Assert.Empty((await viewer.GetFromJsonAsync<JsonArray>("/api/orders"))!);
    }
}
