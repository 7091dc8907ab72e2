using Plan2.Core.Identity;

namespace Plan2.Core.Tests.Identity;

/// <summary>
/// The identity rules' crypto seam with transparent semantics (the real hasher and TOTP library are tested
/// through the grains and the API): a "hash" is the secret with a prefix, and code "1000NN" is valid for step NN.
/// </summary>
internal sealed class TestSecrets : ISecretVerifier
{
    public static string Hash(string secret) => "h:" + secret;

    public bool Matches(string hash, string secret) => hash == Hash(secret);

    public long? TotpStep(string base32Secret, string code, DateTimeOffset now) =>
        code.Length == 6 && code.StartsWith("1000", StringComparison.Ordinal) && int.TryParse(code[4..], out var step) ? step : null;
}
