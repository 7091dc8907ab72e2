using Plan2.Core.Messaging;

namespace Plan2.Telegram.Tests;

public class DeliveryPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WaitingMessagesOfOneChat_GoAsOneMessage_WithSoundIfAnyWantsIt()
    {
        var planner = new DeliveryPlanner(TimeSpan.FromSeconds(1));

        var sends = planner.Plan([new(1, 7, "fill 1", true), new(2, 8, "other chat", true), new(3, 7, "fill 2", false)], T0);

        Assert.Equal(2, sends.Count);
        var seven = sends.Single(s => s.ChatId == 7);
        Assert.Equal(("fill 1\n\nfill 2", false), (seven.Text, seven.Silent));
        Assert.Equal([1L, 3L], seven.Sequences);
        Assert.True(sends.Single(s => s.ChatId == 8).Silent);
    }

    [Fact]
    public void AChatJustSentTo_WaitsItsInterval()
    {
        var planner = new DeliveryPlanner(TimeSpan.FromSeconds(1));
        planner.Sent(7, T0);

        Assert.Empty(planner.Plan([new(1, 7, "x", false)], T0.AddMilliseconds(999)));
        Assert.Single(planner.Plan([new(1, 7, "x", false)], T0.AddSeconds(1)));
    }

    [Fact]
    public void ABurst_IsCutAtTelegramsLimit_AndTheRestWaits()
    {
        var planner = new DeliveryPlanner(TimeSpan.Zero);
        var burst = Enumerable.Range(1, 100).Select(i => new PendingDelivery(i, 7, new string('x', 100), false)).ToList();

        var send = Assert.Single(planner.Plan(burst, T0));

        Assert.True(send.Text.Length <= DeliveryPlanner.MaxMessageLength);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), send.Sequences); // 40 × 100 + 39 × 2 = 4078
    }

    [Fact]
    public void ALongAnswer_IsCutToTelegramsLimit_AndSaysSo()
    {
        var cut = BotSender.Fit(new string('x', 5000), BotSender.MaxText);

        Assert.Equal(BotSender.MaxText, cut.Length);
        Assert.EndsWith("\n…", cut);
        Assert.Equal("short", BotSender.Fit("short", BotSender.MaxText));
    }
}
