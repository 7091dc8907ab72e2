using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Plan2.Abstractions.MarketData;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class LimitsAndErrorsTests(ApiFixture api)
{
    [Fact]
    public async Task MalformedJson_ProblemWithTheParsersReason_NothingPlaced()
    {
        var tenant = await api.NewTenantAsync();
        await api.OpenAccountAsync(tenant, "main");
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);

        var response = await trader.PostAsync("/api/orders", new StringContent("{\"symbol\": \"EURUSD\", \"side\": ", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>());
        Assert.Equal("[]", await trader.GetStringAsync("/api/orders"));
    }

    [Fact]
    public async Task OversizedBody_413BeforeAnythingIsRead()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        var huge = "{\"symbol\":\"" + new string('A', 100_000) + "\"}";

        var response = await trader.PostAsync("/api/orders", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task InvalidOrder_ValidationProblemNamesEveryField()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);

        var response = await trader.PostAsJsonAsync("/api/orders", new { symbol = "E", side = "up", quantity = -1m, type = "limit", clientOrderId = "has space" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "symbol", "side", "quantity", "limitPrice", "clientOrderId" })
            Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task TenantQuota_Exceeded_429WithRetryAfter_OtherTenantsUnaffected()
    {
        var limited = await api.NewTenantAsync(requestsPerMinute: 3);
        var other = await api.NewTenantAsync();
        using var client = api.Client((await api.SignInAsync(limited.Email("viewer"), limited.Password)).AccessToken);
        using var otherClient = api.Client((await api.SignInAsync(other.Email("viewer"), other.Password)).AccessToken);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/quotes/EURUSD")).StatusCode);
        var refused = await client.GetAsync("/api/quotes/EURUSD");

        await ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/quotes/EURUSD")).StatusCode);
    }

    [Fact]
    public async Task Candles_IndicatorsStillWarmingUp_AreJsonNull_NotTheStringNaN()
    {
        var tenant = await api.NewTenantAsync();
        using var viewer = api.Client((await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);
        var symbol = "NAN" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lastMinute = now - now % 60_000 - 60_000;
        await api.Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, 1,
            [lastMinute + 1_000, lastMinute + 2_000, now], [1.1, 1.1001, 1.1002], [1.1001, 1.1002, 1.1003], Record: false));

        var response = await viewer.GetAsync($"/api/candles/{symbol}?timeframe=M1&count=5");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("NaN", body, StringComparison.Ordinal);
        var indicators = JsonDocument.Parse(body).RootElement[0].GetProperty("indicators");
        Assert.Equal(JsonValueKind.Null, indicators.GetProperty("sma20").ValueKind); // one bar: no 20-bar average yet
    }

    [Fact]
    public async Task UnknownRoutesAndIds_ProblemDetails()
    {
        var tenant = await api.NewTenantAsync();
        using var viewer = api.Client((await api.SignInAsync(tenant.Email("viewer"), tenant.Password)).AccessToken);

        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/orders/main.never-placed"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/accounts/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/quotes/NOSUCH"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/candles/EURUSD?timeframe=M7&count=0"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await viewer.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
        using var admin = api.Client((await api.SignInAdminAsync()).AccessToken);
        await ProblemAssert.IsProblem(await admin.GetAsync("/api/tenants/never-created"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await admin.PutAsJsonAsync("/api/tenants/never-created/settings",
            new { baseCurrency = "USD", maxUsers = 5, apiRequestsPerMinute = 60, maxOpenOrders = 5, maxOrderNotional = 1000m }), HttpStatusCode.NotFound);
        var invalid = await admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/settings",
            new { baseCurrency = "usd", maxUsers = 0, apiRequestsPerMinute = 60, maxOpenOrders = 5, maxOrderNotional = 1000m });
        Assert.Contains("BaseCurrency", (await ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
    }
}
