using Plan2.Abstractions.Tenancy;

namespace Plan2.Abstractions.Identity;

/// <summary>
/// Where a grain client (the Plan2.Client SDK) proves its API key: the key's tenant grain checks the secret
/// (revoked and unknown keys fail, last-used is recorded) and the silo answers with a signed, short-lived
/// grant that the client then sends with every call. The only grain a gateway client may call without one.
/// </summary>
[Alias("plan2.IClientGateGrain")]
public interface IClientGateGrain : IGrainWithIntegerKey
{
    /// <summary>A grant for the key, or null when the key is malformed, unknown or revoked.</summary>
    [Alias("Open")] Task<ClientSession?> OpenAsync(string apiKey);

    /// <summary>
    /// The words of the silo's refusal of a grant it cannot verify (expired, or signed before the silos' key changed),
    /// sent as <see cref="ClientGrantRefusedException"/> with <see cref="ClientGrantRefusal.GrantInvalid"/>: the one
    /// refusal a client answers by renewing its grant and calling again.
    /// </summary>
    const string GrantRejected = "The client's grant is forged or expired: connect again with a valid API key.";
}

/// <summary>A client's proven identity: the grant to carry (opaque to the client) and what it says, in clear.</summary>
[GenerateSerializer, Immutable, Alias("plan2.client-session")]
public sealed record ClientSession(
    [property: Id(0)] string Grant,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string KeyId,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset ExpiresAt);
