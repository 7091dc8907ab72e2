using Plan2.Abstractions.Trading;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

public sealed class ActorTextTests
{
    [Theory]
    [InlineData(ActorKind.User, "u-7", "you")] // the signed-in user's own order
    [InlineData(ActorKind.User, "u-8", "user u-8")] // a colleague: the opaque id the audit keeps
    [InlineData(ActorKind.User, "key:k-1", "API key k-1")]
    [InlineData(ActorKind.Strategy, "trend-1", "strategy trend-1")]
    [InlineData(ActorKind.Risk, "risk", "risk")]
    public void WhoActed_IsWrittenAsATraderReadsIt(ActorKind kind, string name, string shown) =>
        Assert.Equal(shown, ActorText.Of(new Actor(kind, name), signedInUserId: "u-7"));

    [Fact]
    public void NobodySignedIn_IsNeverYou()
    {
        Assert.Equal("user u-7", ActorText.Of(Actor.User("u-7"), signedInUserId: ""));
        Assert.Equal("user ", ActorText.Of(Actor.User(""), signedInUserId: ""));
    }
}
