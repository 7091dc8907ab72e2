using System.Text.Json.Nodes;

namespace Plan2.Api.Tests;

/// <summary>
/// The OpenAPI document is what integrators generate clients from: a field the API treats as optional must not be
/// listed as required there (a generated client would then demand it), and a field it needs must be.
/// </summary>
[Collection(ApiCollection.Name)]
public class OpenApiContractTests(ApiFixture api)
{
    [Theory]
    [InlineData("PlaceOrderRequest", "symbol,side,quantity", "type,limitPrice,stopPrice,accountId,clientOrderId")]
    [InlineData("SignInRequest", "email,password", "code")]
    [InlineData("OpenAccountRequest", "accountId,currency,deposit", "mode")]
    [InlineData("KillSwitchRequest", "engaged", "scope,accountId")]
    [InlineData("CreateTenantRequest", "name", "settings")]
    public async Task RequestSchemas_RequireExactlyWhatTheApiNeeds(string schema, string required, string optional)
    {
        using var client = api.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var node = document["components"]!["schemas"]![schema] ?? throw new InvalidOperationException($"No schema {schema}.");
        var listed = node["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        var properties = node["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

        foreach (var name in required.Split(','))
        {
            Assert.Contains(name, properties);
            Assert.Contains(name, listed);
        }
        foreach (var name in optional.Split(','))
        {
            Assert.Contains(name, properties);
            Assert.DoesNotContain(name, listed);
        }
    }
}
