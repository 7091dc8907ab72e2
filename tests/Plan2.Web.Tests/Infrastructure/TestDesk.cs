namespace Plan2.Web.Tests.Infrastructure;

public sealed record TestUser(string Email, string Password);

/// <summary>
/// The tenant "Desk" made through the REST API by the platform admin: a tenant admin, a trader and a viewer,
/// and its paper account "main" (USD 100,000). Passwords are made up for this run only.
/// </summary>
public sealed class TestDesk
{
    public const string AdminEmail = "root@plan2.test";
    public static readonly string Password = "pw-" + Guid.NewGuid().ToString("n")[..16];

    public required string TenantId { get; init; }
    public required TestUser PlatformAdmin { get; init; }
    public required TestUser Admin { get; init; }
    public required TestUser Trader { get; init; }
    public required TestUser Viewer { get; init; }
    public required PlatformApi Api { get; init; }

    public static async Task<TestDesk> CreateAsync(EmbeddedPlatform platform)
    {
        var api = new PlatformApi(platform.Url);
        var root = await api.SignInAsync(AdminEmail, Password);
        var tenant = await api.CreateTenantAsync(root, "Desk");
        var desk = new TestDesk
        {
            TenantId = tenant,
            PlatformAdmin = new(AdminEmail, Password),
            Admin = new($"admin@{tenant}.test", Password),
            Trader = new($"trader@{tenant}.test", Password),
            Viewer = new($"viewer@{tenant}.test", Password),
            Api = api,
        };
        await api.AddUserAsync(root, tenant, desk.Admin.Email, Password, "tenant-admin");
        await api.AddUserAsync(root, tenant, desk.Trader.Email, Password, "trader");
        await api.AddUserAsync(root, tenant, desk.Viewer.Email, Password, "viewer");
        await api.OpenAccountAsync(await desk.TokenAsync(desk.Admin), "main", 100_000m);
        return desk;
    }

    public Task<string> TokenAsync(TestUser user) => Api.SignInAsync(user.Email, user.Password);
}
