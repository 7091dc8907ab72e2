using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;

namespace Plan2.Api.Auth;

/// <summary>
/// Where the token signing key comes from: configuration (Plan2__Api__SigningKey) when set, which a
/// cluster needs so that every web process accepts every other's tokens; otherwise a key generated once
/// and kept in {Plan2:DataDir}/api-signing-key, readable by its owner alone. A cluster web process without
/// the setting still starts (one web process works) but says at start-up that the key is its own.
/// </summary>
internal static class SigningKeySource
{
    public const string FileName = "api-signing-key";

    public static SymmetricSecurityKey Load(ApiOptions options, IConfiguration configuration, out string? warning)
    {
        warning = null;
        if (options.SigningKey is { Length: > 0 } configured)
            return FromBase64(configured, "Plan2__Api__SigningKey");
        if (string.Equals(configuration["Plan2:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase))
            warning = "Cluster mode without Plan2__Api__SigningKey: this web process signs tokens with its own generated key, which other " +
                "web processes refuse. Set the same Base64 key of at least 32 random bytes (e.g. `openssl rand -base64 48`) on every web process.";
        var path = Path.Combine(DataDir.Of(configuration), FileName);
        if (!File.Exists(path))
            SecretFile.Write(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        return FromBase64(File.ReadAllText(path).Trim(), path);
    }

    private static SymmetricSecurityKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The API signing key in {source} is not Base64.");
        }
        if (bytes.Length < 32)
            throw new InvalidOperationException($"The API signing key in {source} has {bytes.Length} bytes; HMAC-SHA256 needs at least 32.");
        return new SymmetricSecurityKey(bytes) { KeyId = "plan2-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..8] };
    }
}

/// <summary>Plan2:DataDir, or the platform's default folder (as the silo computes it).</summary>
internal static class DataDir
{
    public static string Of(IConfiguration configuration) =>
        configuration["Plan2:DataDir"] is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "plan2");
}

/// <summary>Writes a secret to a file only its owner can read (where the OS supports Unix modes).</summary>
internal static class SecretFile
{
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
