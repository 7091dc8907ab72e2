using Plan2.Abstractions.Tenancy;

namespace Plan2.Web.Services;

/// <summary>
/// The one place that names the demo tenant, account and user the dashboard acts as until sign-in
/// exists (configuration section Plan2:Dashboard:Demo). The account is opened on first use.
/// </summary>
public sealed class DemoDesk
{
    public const string Section = "Plan2:Dashboard:Demo";

    public string TenantId { get; set; } = "demo";
    public string TenantName { get; set; } = "Demo desk";
    public string AccountId { get; set; } = "main";
    public string UserName { get; set; } = "demo-trader";
    public UserRole Role { get; set; } = UserRole.Admin;
    public string Currency { get; set; } = "USD";
    public decimal Deposit { get; set; } = 100_000m;
}
