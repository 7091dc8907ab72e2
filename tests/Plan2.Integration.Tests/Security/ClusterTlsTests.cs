using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Hosting.Security;

namespace Plan2.Integration.Tests.Security;

/// <summary>
/// Two silos and a client with one self-signed certificate, loaded from its file the way Plan2__Tls__CertificatePath
/// names it, form a cluster over TLS; a client without TLS, or with a certificate of its own, is refused at the gateway.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("plan2-tls-").FullName;
    private readonly List<IHost> _silos = [];
    private int _gateway;
    private X509Certificate2 _certificate = null!;

    public async Task InitializeAsync()
    {
        _certificate = LoadAsConfigured(WriteSelfSigned("plan2-cluster", "pw-" + Guid.NewGuid().ToString("n")));
        var (silo1, gateway1, silo2, gateway2) = (FreePort(), FreePort(), FreePort(), FreePort());
        _gateway = gateway1;
        foreach (var (silo, gateway) in new[] { (silo1, gateway1), (silo2, gateway2) })
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleans(s => s
                .UseLocalhostClustering(silo, gateway, new IPEndPoint(IPAddress.Loopback, silo1), "tls-test", "tls-test")
                .UsePlan2Tls(_certificate));
            var host = builder.Build();
            await host.StartAsync();
            _silos.Add(host);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ClientWithTheClusterCertificate_SeesBothSilosAndReachesEach()
    {
        using var client = await StartClientAsync(c => c.UsePlan2Tls(_certificate));
        var management = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

        var hosts = await WaitForBothSilosAsync(management);
        var statistics = await management.GetRuntimeStatistics(hosts); // asks each silo: silo-to-silo over TLS

        Assert.Equal(2, statistics.Length);
    }

    [Fact]
    public async Task ClientWithoutTls_IsRefused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(_ => { }));
    }

    [Fact]
    public async Task ClientWithAnotherSelfSignedCertificate_IsRefused()
    {
        var stranger = LoadAsConfigured(WriteSelfSigned("plan2-cluster", "other")); // same name, not the cluster's key
        await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(c => c.UsePlan2Tls(stranger)));
    }

    private async Task<IHost> StartClientAsync(Action<IClientBuilder> tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c =>
        {
            c.UseLocalhostClustering(_gateway, "tls-test", "tls-test");
            c.UseConnectionRetryFilter((_, _) => Task.FromResult(false)); // refused once is refused
            tls(c);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(true).WaitAsync(TimeSpan.FromSeconds(30));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static async Task<SiloAddress[]> WaitForBothSilosAsync(IManagementGrain management)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var active = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
            if (active.Length == 2 || DateTime.UtcNow > deadline)
                return active.Length == 2 ? active : throw new TimeoutException($"{active.Length} silo(s) active, expected 2: did the second join over TLS?");
            await Task.Delay(200);
        }
    }

    /// <summary>A self-signed certificate for server and client authentication, written as PKCS#12 with a password.</summary>
    private (string Path, string Password) WriteSelfSigned(string name, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("n") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    private static X509Certificate2 LoadAsConfigured((string Path, string Password) file) =>
        ClusterTls.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Tls:CertificatePath"] = file.Path,
            ["Plan2:Tls:CertificatePassword"] = file.Password,
        }).Build())!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
