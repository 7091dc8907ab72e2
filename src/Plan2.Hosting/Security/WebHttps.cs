using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Plan2.Hosting.Security;

/// <summary>
/// HTTPS for the web host: Plan2:Https:CertificatePath (and CertificatePassword) names the certificate
/// Kestrel serves on every https:// address (ASPNETCORE_URLS); without one the host serves what it did.
/// </summary>
public static class WebHttps
{
    public const string Section = "Plan2:Https";

    /// <summary>True when a certificate is configured (the caller then defaults to an https:// address).</summary>
    public static bool UsePlan2Https(this WebApplicationBuilder builder)
    {
        if (CertificateFile.Load(builder.Configuration, Section) is not { } certificate)
            return false;
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        return true;
    }
}
