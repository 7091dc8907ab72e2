using Orleans.Runtime;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Tenancy;
using Plan2.Grains.Identity;

namespace Plan2.Grains.Tenancy;

/// <summary>A thin shell over <see cref="Tenant"/>: load, apply the Core rule, save, answer.</summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", StorageNames.GrainState)] IPersistentState<TenantState> state,
    [PersistentState("identity", StorageNames.GrainState)] IPersistentState<IdentityState> identityState,
    [PersistentState("risk-watch", StorageNames.GrainState)] IPersistentState<RiskWatchState> riskWatch,
    TimeProvider clock) : Grain, ITenantGrain
{
    async Task<TenantProfile> ITenantGrain.CreateAsync(CreateTenant command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Created)
            throw new InvalidOperationException($"Tenant '{TenantId}' already exists.");
        var tenant = Tenant.Create(TenantId, command.DisplayName, command.AdminUserName,
            command.Settings?.ToSettings(), clock.GetUtcNow());
        await SaveAsync(tenant);
        await EnterDirectoryAsync();
        return tenant.ToProfile();
    }

    Task<TenantProfile?> ITenantGrain.GetAsync() =>
        Task.FromResult(state.State.Created ? Load().ToProfile() : null);

    async Task<TenantUser> ITenantGrain.AddUserAsync(string userName, UserRole role)
    {
        var tenant = Load();
        var member = tenant.AddUser(userName, role.ToCore(), clock.GetUtcNow());
        await SaveAsync(tenant);
        return member.ToView();
    }

    Task<IReadOnlyList<TenantUser>> ITenantGrain.ListUsersAsync() =>
        Task.FromResult<IReadOnlyList<TenantUser>>(Load().Members.Select(m => m.ToView()).ToList());

    async Task<TenantUser> ITenantGrain.ChangeUserRoleAsync(string userName, UserRole role)
    {
        var tenant = Load();
        var member = tenant.ChangeRole(userName, role.ToCore());
        await SaveAsync(tenant);
        return member.ToView();
    }

    async Task ITenantGrain.RemoveUserAsync(string userName)
    {
        var tenant = Load();
        tenant.RemoveUser(userName);
        await SaveAsync(tenant);
        await ForgetCredentialsAsync(userName); // a removed member must not sign in again
    }

    async Task<TenantSettingsView> ITenantGrain.UpdateSettingsAsync(TenantSettingsView settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tenant = Load();
        tenant.UpdateSettings(settings.ToSettings());
        await SaveAsync(tenant);
        await TellWatchersAsync(tenant.Settings.ToView());
        return tenant.Settings.ToView();
    }

    private string TenantId => this.GetPrimaryKeyString();

    /// <summary>Lists the new tenant where platform admins pick tenants from.</summary>
    private Task EnterDirectoryAsync() => GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).AddAsync(TenantId);

    private Tenant Load() => state.State.Created
        ? state.State.ToTenant(TenantId)
        : throw new InvalidOperationException($"Tenant '{TenantId}' does not exist.");

    /// <summary>Writes into a copy first, so a failed write leaves the activation's state as stored.</summary>
    private async Task SaveAsync(Tenant tenant)
    {
        var previous = state.State;
        var next = new TenantState();
        tenant.CopyTo(next);
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
