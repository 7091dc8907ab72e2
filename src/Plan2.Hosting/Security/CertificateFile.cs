using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Plan2.Hosting.Security;

/// <summary>
/// A certificate with its private key from a file named in configuration: "&lt;section&gt;:CertificatePath"
/// (PKCS#12 .pfx/.p12, or PEM with the key in the same file or beside it as .key) and "&lt;section&gt;:CertificatePassword".
/// </summary>
public static class CertificateFile
{
    /// <summary>The certificate the section names, or null when it names none; a clear error when the file is missing or unreadable.</summary>
    public static X509Certificate2? Load(IConfiguration configuration, string section)
    {
        var path = configuration[$"{section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
            return null;
        var password = configuration[$"{section}:CertificatePassword"];
        var variable = $"{section.Replace(":", "__", StringComparison.Ordinal)}__CertificatePath";
        if (!File.Exists(path))
            throw new InvalidOperationException($"{variable} names '{path}', which does not exist.");
        try
        {
            var certificate = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? LoadPem(path, password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{variable}: '{path}' holds no private key; TLS needs the certificate with its key.");
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{variable}: '{path}' could not be read ({e.Message}); a wrong or missing {section.Replace(":", "__", StringComparison.Ordinal)}__CertificatePassword?", e);
        }
    }

    private static X509Certificate2 LoadPem(string path, string? password)
    {
        var key = Path.ChangeExtension(path, ".key");
        var keyPath = File.Exists(key) ? key : null;
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // A PEM key is ephemeral; SslStream on some platforms needs it exported and loaded back.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
