namespace Plan2.Core.Identity;

/// <summary>
/// The cryptography the identity rules need, supplied by the host (a library password hasher, a TOTP
/// library) so that Core stays free of packages and the rules can be tested with any implementation.
/// </summary>
public interface ISecretVerifier
{
    /// <summary>True when <paramref name="secret"/> matches a hash made by the host's password hasher.</summary>
    bool Matches(string hash, string secret);

    /// <summary>The TOTP time step <paramref name="code"/> is valid for (allowing clock drift), or null.</summary>
    long? TotpStep(string base32Secret, string code, DateTimeOffset now);
}
