using Plan2.Core.Tenancy;

namespace Plan2.Core.Tests.Tenancy;

public class TenantSettingsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors() => Assert.Empty(TenantSettings.Default.Validate());

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryViolation()
    {
        var settings = new TenantSettings
        {
            BaseCurrency = "usd", MaxUsers = 0, ApiRequestsPerMinute = 0, MaxOpenOrders = -1, MaxOrderNotional = 0m,
        };

        var errors = settings.Validate();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("BaseCurrency", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxOrderNotional", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    public void Validate_BadCurrencyCode_IsReported(string code) =>
        Assert.Single(new TenantSettings { BaseCurrency = code }.Validate());

    // A node serves tens of thousands of requests a second: a quota must be able to exceed that (the old ceiling was 1,000,000 a minute, 16,700/s).
    [Fact]
    public void Validate_QuotaAboveOneNodesThroughput_IsAllowed_UpToTheCeiling()
    {
        Assert.Empty(new TenantSettings { ApiRequestsPerMinute = 60_000_000 }.Validate());
        Assert.Empty(new TenantSettings { ApiRequestsPerMinute = TenantSettings.MaxApiRequestsPerMinute }.Validate());
        Assert.Single(new TenantSettings { ApiRequestsPerMinute = TenantSettings.MaxApiRequestsPerMinute + 1 }.Validate());
    }
}
