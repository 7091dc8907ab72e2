using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Plan2.Api.Tests;

/// <summary>
/// Hostile requests to the API in families, each case refused with its status and a problem body, nothing stored
/// changed (wrong-tenant requests: <see cref="TenantIsolationTests"/>). Each family prints "fuzz: api, …: N cases" once all its cases passed: build/bench.sh fuzz counts them
/// for the benchmark report beside the bridge and importer fuzz counts.
/// </summary>
[Collection(ApiCollection.Name)]
public class HostileRequestTests(ApiFixture api, ITestOutputHelper output)
{
    private const string ValidOrder = """{"symbol":"EURUSD","side":"buy","quantity":0.01,"type":"limit","limitPrice":1.05,"accountId":"main","clientOrderId":"hostile-1"}""";

    [Fact]
    public async Task MalformedBodies_EveryOne400_NothingPlaced()
    {
        var tenant = await api.NewTenantAsync(requestsPerMinute: 100_000);
        await api.OpenAccountAsync(tenant, "main");
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        // Every proper prefix of a valid order (none is a JSON object), then bodies that are not an order at all.
        var bodies = Enumerable.Range(1, ValidOrder.Length - 1).Select(n => Encoding.UTF8.GetBytes(ValidOrder[..n])).ToList();
        bodies.AddRange(new[] { "[]", "42", "\"order\"", "null", "{\"symbol\":", "{,}", "{\"quantity\":1e999999}", "\u0000\u0001\u0002" }.Select(Encoding.UTF8.GetBytes));
        bodies.Add([0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x7D]); // not UTF-8

        foreach (var body in bodies)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            await ProblemAssert.IsProblem(await trader.PostAsync("/api/orders", content), HttpStatusCode.BadRequest);
        }

        Assert.Equal("[]", await trader.GetStringAsync("/api/orders"));
        Report("malformed order bodies", bodies.Count, 400);
    }

    [Fact]
    public async Task OversizedBodies_Every413_NothingChanged()
    {
        var tenant = await api.NewTenantAsync(requestsPerMinute: 100_000);
        await api.OpenAccountAsync(tenant, "main");
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var paths = new[] { "/api/orders", "/api/kill-switch", "/api/accounts", $"/api/tenants/{tenant.Id}/api-keys", $"/api/tenants/{tenant.Id}/users" };
        var sizes = new[] { 64 * 1024 + 1, 100_000, 1 << 20, 8 << 20 };
        var cases = 0;

        foreach (var path in paths)
            foreach (var size in sizes)
            {
                var body = "{\"symbol\":\"" + new string('A', size) + "\"}";
                await ProblemAssert.IsProblem(await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge);
                cases++;
            }

        Assert.Equal("[]", await admin.GetStringAsync("/api/orders"));
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>($"/api/tenants/{tenant.Id}/api-keys"))!);
        Report("oversized bodies", cases, 413);
    }

    private void Report(string family, int cases, int status) => Report(output, family, cases, $"{status}");

    /// <summary>The line build/bench.sh fuzz counts ("fuzz: WHAT: N cases"), in the test log and on the console.</summary>
    internal static void Report(ITestOutputHelper output, string family, int cases, string statuses)
    {
        var line = $"fuzz: api, {family}: {cases} cases, every one refused ({statuses}) with a problem body";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
