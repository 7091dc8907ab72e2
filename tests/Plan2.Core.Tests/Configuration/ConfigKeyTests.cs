using Plan2.Core.Configuration;

namespace Plan2.Core.Tests.Configuration;

public class ConfigKeyTests
{
    [Theory]
    [InlineData("acme/risk/main", "acme", ConfigKind.Risk, "acme/main")]
    [InlineData("acme/strategy/main/ai-1/EURUSD", "acme", ConfigKind.Strategy, "acme/main/ai-1/EURUSD")]
    [InlineData("platform/feed/EURUSD", "platform", ConfigKind.Feed, "EURUSD")]
    public void Parse_KnownShapes_NameTheirConsumer(string text, string tenant, ConfigKind kind, string consumer)
    {
        var key = ConfigKey.Parse(text);
        Assert.Equal((tenant, kind, consumer), (key.Tenant, key.Kind, key.ConsumerKey));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("acme/risk", "TENANT/KIND/TARGET")]
    [InlineData("acme/limits/main", "not a kind of setting")]
    [InlineData("acme/1/main", "not a kind of setting")]
    [InlineData("acme/risk/main/extra", "names one account")]
    [InlineData("acme/strategy/main/EURUSD", "TENANT/strategy/ACCOUNT/STRATEGY/SYMBOL")]
    [InlineData("acme/feed/EURUSD", "belong to the platform")]
    [InlineData("acme//main", "TENANT/KIND/TARGET")]
    public void Parse_BadKey_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(ConfigKey.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Builders_MatchParse() =>
        Assert.Equal(ConfigKey.Strategy("acme", "main", "ai-1", "EURUSD"), ConfigKey.Parse("acme/strategy/main/ai-1/EURUSD"));
}
