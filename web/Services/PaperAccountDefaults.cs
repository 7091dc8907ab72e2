namespace Plan2.Web.Services;

/// <summary>
/// The paper account the dashboard opens when a tenant's chosen account does not exist yet
/// (configuration section Plan2:Dashboard:PaperAccount): its currency and first deposit.
/// </summary>
public sealed class PaperAccountDefaults
{
    public const string Section = "Plan2:Dashboard:PaperAccount";

    public string Currency { get; set; } = "USD";
    public decimal Deposit { get; set; } = 100_000m;
}
