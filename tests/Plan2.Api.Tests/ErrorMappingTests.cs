using Plan2.Abstractions.Operations;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Tests;

/// <summary>What a caller is told for each kind of failure that crosses the grain boundary.</summary>
public class ErrorMappingTests
{
    [Fact]
    public void StoreOutage_Is503WithTheStoreNamed_NotAServerFault()
    {
        var mapped = ApiErrors.Map(new StorageUnavailableException("PostgreSQL", "PostgreSQL is unavailable (Failed to connect to 10.0.3.7:5432)"));
        Assert.NotNull(mapped);
        Assert.Equal(503, mapped.Value.Status);
        Assert.StartsWith("PostgreSQL is unavailable", mapped.Value.Detail);
        Assert.DoesNotContain("10.0.3.7", mapped.Value.Detail); // the driver's words name hosts: for the log, not for any caller
    }

    [Fact]
    public void UnknownFailure_StaysA500WithoutInternals()
    {
        var mapped = ApiErrors.Map(new NullReferenceException("secret internals"));
        Assert.Equal(500, mapped!.Value.Status);
        Assert.DoesNotContain("secret", mapped.Value.Detail);
    }
}
