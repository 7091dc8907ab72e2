using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Telegram;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class TelegramLinkTests(ApiFixture api)
{
    [Fact]
    public async Task TelegramLink_CodeBindsChatToCallerTenantAndRole_Once()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        var response = await trader.PostAsync("/api/me/telegram-link", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = body["code"]!.GetValue<string>();
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        var directory = api.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
        var chatId = Random.Shared.NextInt64(1, long.MaxValue);
        var linked = await directory.RedeemAsync(code, chatId);
        Assert.NotNull(linked.Link);
        Assert.Equal(tenant.Id, linked.Link!.Tenant);
        Assert.Equal(tenant.Email("trader"), linked.Link.User);
        Assert.Equal(UserRole.Trader, linked.Link.Role);
        Assert.Null((await directory.RedeemAsync(code, chatId + 1)).Link); // a code works once
    }

    [Fact]
    public async Task TelegramLink_NeedsSignIn_AndRefusesApiKeys()
    {
        using var anonymous = api.Client();
        await ProblemAssert.IsProblem(await anonymous.PostAsync("/api/me/telegram-link", null), HttpStatusCode.Unauthorized);

        var tenant = await api.NewTenantAsync();
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var key = (await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/api-keys", new { name = "bot", role = "viewer" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        using var integrator = api.ApiKeyClient(key);
        await ProblemAssert.IsProblem(await integrator.PostAsync("/api/me/telegram-link", null), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ErasedUser_NoLongerSpeaksThroughTheirTelegramChat()
    {
        var tenant = await api.NewTenantAsync();
        using var trader = api.Client((await api.SignInAsync(tenant.Email("trader"), tenant.Password)).AccessToken);
        var code = (await (await trader.PostAsync("/api/me/telegram-link", null)).Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
        var directory = api.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
        var chatId = Random.Shared.NextInt64(1, long.MaxValue);
        Assert.NotNull((await directory.RedeemAsync(code, chatId)).Link);

        Assert.Equal(HttpStatusCode.NoContent, (await trader.DeleteAsync("/api/me")).StatusCode);
        Assert.Null(await directory.GetLinkAsync(chatId));
    }
}
