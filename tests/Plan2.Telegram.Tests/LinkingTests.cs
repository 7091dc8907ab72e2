using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class LinkingTests(BotFixture fixture)
{
    [Fact]
    public void BotStart_RegistersTheUnlinkedMenu_ForAllChats()
    {
        var menu = fixture.Api.Calls.First(c => c.Method == "setMyCommands" && c.Fields["scope"]?["type"]?.ToString() == "default");
        Assert.Equal(["start"], menu.Fields["commands"]!.AsArray().Select(c => c!["command"]!.ToString()));
        Assert.Contains(fixture.Api.Calls, c => c.Method == "getMe");
    }

    [Fact]
    public async Task UnlinkedChat_GetsThePoliteRefusal_AndNothingElse()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = BotTestKit.NewChat();

        foreach (var text in new[] { "/positions", "/buy EURUSD 1", "hello", "/start" })
        {
            var reply = await kit.SayAsync(chat, text);
            Assert.Equal(UpdateRouter.Unlinked, reply.Text);
            Assert.Empty(reply.Buttons);
        }
        Assert.Equal(4, fixture.Api.Calls.Count(c => c.ChatId == chat));
    }

    [Fact]
    public async Task StartWithCode_BindsTheChat_AndSetsTheRolesMenuForIt()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = BotTestKit.NewChat();
        var code = await kit.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync(kit.Tenant, "bob", UserRole.Trader);
        var mark = fixture.Api.CallCount;

        var reply = await kit.SayAsync(chat, $"/start {code.Code.ToLowerInvariant()}");

        Assert.Equal($"Linked: this chat now belongs to bob of {kit.Tenant} (trader). Send /help for the commands.", reply.Text);
        var menu = await fixture.Api.WaitForAsync(mark, c => c.Method == "setMyCommands" && c.Fields["scope"]?["chat_id"]?.ToString() == chat.ToString());
        var names = menu.Fields["commands"]!.AsArray().Select(c => c!["command"]!.ToString()).ToList();
        Assert.Contains("buy", names);
        Assert.DoesNotContain("killswitch", names);
        var link = await kit.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).GetLinkAsync(chat);
        Assert.Equal((kit.Tenant, "bob", UserRole.Trader), (link!.Tenant, link.User, link.Role));
    }

    [Fact]
    public async Task ACode_WorksOnce()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var code = await kit.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync(kit.Tenant, "carol", UserRole.Viewer);
        Assert.StartsWith("Linked", (await kit.SayAsync(BotTestKit.NewChat(), "/start " + code.Code)).Text);

        var stranger = BotTestKit.NewChat();
        var second = await kit.SayAsync(stranger, "/start " + code.Code);

        Assert.Equal("That code was already used; each code works once. Get a new one on the dashboard.", second.Text);
        Assert.Null(await kit.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).GetLinkAsync(stranger));
    }

    [Fact]
    public async Task UnknownCode_LinksNothing()
    {
        var kit = new BotTestKit(fixture);
        var chat = BotTestKit.NewChat();

        var reply = await kit.SayAsync(chat, "/start ABCDEFGHJK");

        Assert.Equal("I do not know that code. Check it, or get a new one on the dashboard.", reply.Text);
        Assert.Equal(UpdateRouter.Unlinked, (await kit.SayAsync(chat, "/status")).Text);
    }

    [Fact]
    public async Task ALinkedChatsGrainCalls_CarryItsTenant_ForTheSilosTenantCheck()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);

        await kit.SayAsync(chat, "/positions");

        Assert.Contains(($"{kit.Tenant}/main", (string?)kit.Tenant), TenantContextRecorder.AccountCalls);
    }
}
