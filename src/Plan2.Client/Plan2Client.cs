using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Client;

/// <summary>
/// A connection to a Plan2 cluster as one API key: the typed facade for quotes, predictions, orders and
/// positions. Connect with <see cref="ConnectAsync"/>; dispose to disconnect. Thread-safe.
/// </summary>
public sealed partial class Plan2Client : IAsyncDisposable
{
    /// <summary>Stream provider and namespace the silos publish predictions on (Plan2.Grains.StreamNames).</summary>
    internal const string StreamProvider = "plan2";
    internal const string PredictionsNamespace = "predictions";

    private readonly IHost _host;
    private readonly GrantHolder _grant;
    private readonly Plan2ClientOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _renewal;

    private Plan2Client(IHost host, GrantHolder grant, Plan2ClientOptions options)
    {
        (_host, _grant, _options) = (host, grant, options);
        _renewal = RenewUntilDisposedAsync(_stopping.Token);
    }

    /// <summary>The tenant the API key belongs to.</summary>
    public string TenantId => Session.TenantId;

    /// <summary>The API key's id (orders placed through this client are audited as "user:key:KEY-ID").</summary>
    public string KeyId => Session.KeyId;

    /// <summary>What the key may do: Viewer reads, Trader also trades, Admin also opens accounts.</summary>
    public UserRole Role => Session.Role;

    /// <summary>The underlying Orleans client, for grain calls beyond the facade (the silo allows the same surface).</summary>
    public IClusterClient Cluster => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The client host's services (tests read the failover settings it was built with).</summary>
    internal IServiceProvider Services => _host.Services;

    private ClientSession Session => _grant.Session ?? throw new ObjectDisposedException(nameof(Plan2Client));

    /// <summary>Connects, proves the API key to the cluster and returns the connected client.</summary>
    /// <exception cref="ApiKeyRejectedException">The key is malformed, unknown or revoked.</exception>
    /// <exception cref="ClusterUnreachableException">No gateway answered in time.</exception>
    public static Task<Plan2Client> ConnectAsync(Plan2ClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, services: null, cancellationToken);

    internal static async Task<Plan2Client> ConnectAsync(Plan2ClientOptions options, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var grant = new GrantHolder();
        var host = BuildHost(options, grant, services);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            grant.Session = await OpenAsync(host.Services.GetRequiredService<IClusterClient>(), options.ApiKey).WaitAsync(timeout.Token);
            return new Plan2Client(host, grant, options);
        }
        // A store outage is an OrleansException too, but the gateway answered: that one goes out as it is, naming the store.
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or OrleansException and not Abstractions.Operations.StorageUnavailableException
                                  && !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnreachableException(
                $"No Plan2 gateway answered within {options.ConnectTimeout.TotalSeconds:0} s at {options.Gateway ?? "the gateways registered in Redis " + options.Redis} " +
                $"(cluster '{options.ClusterId}'). Is the platform running, and are Plan2__GatewayPort and Plan2__ClusterId what you gave? Last error: {e.Message}", e);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <param name="services">Tests add to the client's services here (a call filter playing a lost answer).</param>
    private static IHost BuildHost(Plan2ClientOptions options, GrantHolder grant, Action<IServiceCollection>? services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.Services.AddSingleton(grant);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
            if (options.Gateway is not null)
                client.UseStaticClustering(options.GatewayEndPoint());
            else
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis!));
            client.AddMemoryStreams(StreamProvider);
            client.AddOutgoingGrainCallFilter<GrantCallFilter>();
            // The platform's own clients' definition, not a copy: gateway refresh, response timeout, order resends, read retries.
            client.AddClientFailover();
            services?.Invoke(builder.Services);
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                return !ct.IsCancellationRequested;
            });
        });
        return builder.Build();
    }

    private static async Task<ClientSession> OpenAsync(IClusterClient cluster, string apiKey) =>
        await cluster.GetGrain<IClientGateGrain>(0).OpenAsync(apiKey)
        ?? throw new ApiKeyRejectedException("The API key is malformed, unknown or revoked.");

    /// <summary>Gets a fresh grant now (done by itself before the current one expires).</summary>
    /// <exception cref="ApiKeyRejectedException">The key was revoked meanwhile: the client can do nothing more.</exception>
    public async Task RenewAsync()
    {
        var session = await OpenAsync(Cluster, _options.ApiKey);
        _grant.Session = session;
    }

    private async Task RenewUntilDisposedAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var half = (Session.ExpiresAt - DateTimeOffset.UtcNow) / 2;
            try
            {
                await Task.Delay(half > TimeSpan.FromSeconds(1) ? half : TimeSpan.FromSeconds(1), stopping);
                await RenewAsync();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                // A revoked key or an unreachable cluster: calls fail with the silo's reason; try again shortly.
                await Task.Delay(TimeSpan.FromSeconds(5), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs a call; if the silo refused the grant (expired, or the silos made a new key on restart), renews once and retries.</summary>
    private async Task<T> WithGrantAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ClientGrantRefusedException e) when (e.Reason == ClientGrantRefusal.GrantInvalid)
        {
            await RenewAsync();
            return await call();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _renewal;
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
        _stopping.Dispose();
    }
}
