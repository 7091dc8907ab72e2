using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Hosting.Security;

namespace Plan2.Integration.Tests.Security;

/// <summary>Plan2__Https__CertificatePath and __CertificatePassword make Kestrel serve HTTPS with that certificate.</summary>
public sealed class WebHttpsTests
{
    [Fact]
    public async Task ConfiguredCertificate_IsWhatKestrelServesOverHttps()
    {
        var folder = Directory.CreateTempSubdirectory("plan2-https-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var path = Path.Combine(folder, "web.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "secret"));

            var builder = WebApplication.CreateBuilder();
            builder.Configuration["Plan2:Https:CertificatePath"] = path;
            builder.Configuration["Plan2:Https:CertificatePassword"] = "secret";
            Assert.True(builder.UsePlan2Https());
            builder.WebHost.UseUrls("https://127.0.0.1:0");
            await using var app = builder.Build();
            app.MapGet("/", () => "over tls");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

            string? served = null;
            using var client = new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, remote, _, _) => { served = remote?.Thumbprint; return true; },
            });
            var body = await client.GetStringAsync(address);

            Assert.Equal("over tls", body);
            Assert.Equal(certificate.Thumbprint, served);
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MissingCertificateFile_IsAClearError()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Plan2:Https:CertificatePath"] = "/nonexistent/web.pfx";
        var error = Assert.Throws<InvalidOperationException>(() => builder.UsePlan2Https());
        Assert.Contains("Plan2__Https__CertificatePath", error.Message);
    }
}
