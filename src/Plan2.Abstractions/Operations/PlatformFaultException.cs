namespace Plan2.Abstractions.Operations;

/// <summary>
/// An error inside the silo whose own exception type cannot cross the grain boundary (a library's
/// type the serializer does not know). Carries that type's name and message instead of failing the
/// call with "could not find a codec".
/// </summary>
[GenerateSerializer, Alias("plan2.platform-fault")]
public sealed class PlatformFaultException : Exception
{
    public PlatformFaultException() { }

    public PlatformFaultException(string causeType, string message) : base(message) => CauseType = causeType;

    /// <summary>The original exception type, e.g. Google.Protobuf.InvalidProtocolBufferException.</summary>
    [Id(0)] public string CauseType { get; private set; } = "";
}
