using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Api.Auth;

/// <summary>
/// Makes sure the platform has an admin. Plan2__Bootstrap__AdminEmail and __AdminPassword create it when
/// no admin exists; without a password a one-time one is generated, kept in {Plan2:DataDir}/admin-password
/// (owner-readable only; reused while the file exists, since embedded state starts empty each run),
/// printed once beside the address, and must be changed at first sign-in.
/// </summary>
internal sealed class BootstrapAdmin(IGrainFactory grains, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<BootstrapAdmin> log) : IHostedService
{
    public const string DefaultEmail = "admin@plan2.local";
    public const string PasswordFile = "admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(Plan2Claims.PlatformTenant);
        var profile = await tenant.GetAsync()
            ?? await CreatePlatformTenantAsync();
        if (profile.Users.Any(u => u.Role == UserRole.Admin))
            return;
        var email = configuration["Plan2:Bootstrap:AdminEmail"] is { Length: > 0 } e ? e : DefaultEmail;
        if (configuration["Plan2:Bootstrap:AdminPassword"] is { Length: > 0 } password)
        {
            await RegisterAsync(email, password, mustChange: false);
            log.LogInformation("Platform admin {Email} created from configuration", email);
            return;
        }
        var path = Path.Combine(DataDir.Of(configuration), PasswordFile);
        if (!File.Exists(path))
            SecretFile.Write(path, NewPassword());
        var oneTime = File.ReadAllText(path).Trim();
        await RegisterAsync(email, oneTime, mustChange: true);
        lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"Plan2 platform admin: {email}, one-time password {oneTime} (kept in {path}; you choose a new one at first sign-in)"));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<TenantProfile> CreatePlatformTenantAsync()
    {
        try
        {
            return await grains.GetGrain<ITenantIdentityGrain>(Plan2Claims.PlatformTenant).CreateManagedAsync("Platform", null);
        }
        catch (InvalidOperationException) // another web process created it meanwhile
        {
            return (await grains.GetGrain<ITenantGrain>(Plan2Claims.PlatformTenant).GetAsync())!;
        }
    }

    private async Task RegisterAsync(string email, string password, bool mustChange)
    {
        try
        {
            await grains.GetGrain<ITenantIdentityGrain>(Plan2Claims.PlatformTenant).RegisterUserAsync(new NewUser(email, password, UserRole.Admin, mustChange));
        }
        catch (InvalidOperationException e) // another web process registered it meanwhile
        {
            log.LogInformation("Platform admin not created here: {Reason}", e.Message);
        }
    }

    /// <summary>20 characters from an alphabet without look-alikes (about 110 bits).</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(RandomNumberGenerator.GetItems<char>(alphabet, 20));
    }
}
