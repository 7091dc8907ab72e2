using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class ApiKeyTests(ApiFixture api)
{
    [Fact]
    public async Task ApiKey_ShownOnce_WorksUntilRevoked_LastUsedRecorded()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "keys");
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/api-keys", new { name = "integration", role = "trader" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["key"]!.GetValue<string>();
        var keyId = body["info"]!["keyId"]!.GetValue<string>();

        using var integrator = api.ApiKeyClient(key);
        Assert.Equal(HttpStatusCode.OK, (await integrator.GetAsync("/api/accounts/keys")).StatusCode);
        var placed = await integrator.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.01m, type = "market", accountId = "keys" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonArray>($"/api/tenants/{tenant.Id}/api-keys");
        var info = Assert.Single(listed!);
        Assert.DoesNotContain(key, info!.ToJsonString()); // the secret is never listed
        Assert.NotNull(info["lastUsedAt"]?.GetValue<DateTimeOffset>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tenants/{tenant.Id}/api-keys/{keyId}")).StatusCode);
        await ProblemAssert.IsProblem(await integrator.GetAsync("/api/accounts/keys"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_ViewerRole_CannotPlaceOrders_TamperedSecretRefused()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var key = (await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/api-keys", new { name = "reader", role = "viewer" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();

        using var reader = api.ApiKeyClient(key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/quotes/EURUSD")).StatusCode);
        await ProblemAssert.IsProblem(await reader.PostAsJsonAsync("/api/orders", new { symbol = "EURUSD", side = "buy", quantity = 0.01m }), HttpStatusCode.Forbidden);
        using var tampered = api.ApiKeyClient(key[..^2] + (key.EndsWith("AA") ? "BB" : "AA"));
        await ProblemAssert.IsProblem(await tampered.GetAsync("/api/quotes/EURUSD"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_TraderCannotCreate_BadInputNamesEachField()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);

        await ProblemAssert.IsProblem(await trader.PostAsJsonAsync($"/api/tenants/{tenant.Id}/api-keys", new { name = "mine", role = "trader" }), HttpStatusCode.Forbidden);
        var bad = await ProblemAssert.IsProblem(await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/api-keys", new { name = "", role = "owner" }), HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["name"]);
        Assert.NotNull(bad["errors"]!["role"]);
    }
}
