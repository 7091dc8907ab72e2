namespace Plan2.Abstractions.Identity;

/// <summary>Why the silo refused a gateway client's call (see <see cref="ClientGrantRefusedException"/>).</summary>
public enum ClientGrantRefusal
{
    /// <summary>The silo serves gateway clients with an API key only, and the call carried no grant.</summary>
    GrantRequired = 0,
    /// <summary>The grant is forged or expired (or signed before the silos' key changed): renew it and call again.</summary>
    GrantInvalid = 1,
    /// <summary>The method is not on the client surface at all.</summary>
    NotOnSurface = 2,
    /// <summary>The method needs a higher role than the API key's.</summary>
    RoleTooLow = 3,
    /// <summary>The call names an actor other than the API key itself.</summary>
    ActsAsAnother = 4,
}

/// <summary>
/// The silo's refusal of a gateway client's call by its grant, typed so that a client can tell a grant to renew
/// from a right it lacks without reading the message. An <see cref="UnauthorizedAccessException"/>, so code that
/// catches those keeps working.
/// </summary>
[GenerateSerializer, Alias("plan2.client-grant-refused")]
public sealed class ClientGrantRefusedException : UnauthorizedAccessException
{
    public ClientGrantRefusedException() { }

    public ClientGrantRefusedException(ClientGrantRefusal reason, string message) : base(message) => Reason = reason;

    [Id(0)] public ClientGrantRefusal Reason { get; private set; }
}
