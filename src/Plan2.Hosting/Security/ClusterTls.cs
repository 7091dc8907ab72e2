using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Plan2.Hosting.Security;

/// <summary>
/// TLS between silos and from clients to gateways (Microsoft.Orleans.Connections.Security), on when
/// Plan2:Tls:CertificatePath names a certificate. Both ends present a certificate (mutual TLS), so a
/// process without one, or without TLS, is refused. A remote certificate is trusted when it is this
/// process's own (one certificate shared by the cluster: a self-signed one works) or chains to a
/// trusted root; host names are not checked, since silos reach each other by IP address.
/// </summary>
public static class ClusterTls
{
    public const string Section = "Plan2:Tls";

    public static X509Certificate2? Load(IConfiguration configuration) => CertificateFile.Load(configuration, Section);

    public static ISiloBuilder UsePlan2Tls(this ISiloBuilder silo, X509Certificate2 certificate) =>
        silo.UseTls(certificate, o => Configure(o, certificate));

    public static IClientBuilder UsePlan2Tls(this IClientBuilder client, X509Certificate2 certificate) =>
        client.UseTls(certificate, o => Configure(o, certificate));

    private static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, certificate);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>The trust rule, apart so it reads at once: our own certificate, or a valid chain whatever the name.</summary>
    public static bool IsTrusted(X509Certificate2? remote, SslPolicyErrors errors, X509Certificate2 own) =>
        remote is not null
        && (remote.Thumbprint == own.Thumbprint || (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None);
}
