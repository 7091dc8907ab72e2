using Plan2.Abstractions.Operations;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Tests;

/// <summary>What a caller is told for each kind of failure that crosses the grain boundary.</summary>
public class ErrorMappingTests
{
    [Fact]
    public void StoreOutage_Is503WithTheStoreNamed_NotAServerFault()
    {
        var mapped = ApiErrors.Map(new StorageUnavailableException("PostgreSQL", "PostgreSQL did not answer; nothing was stored; retry."));
        Assert.NotNull(mapped);
        Assert.Equal(503, mapped.Value.Status);
        Assert.Contains("PostgreSQL", mapped.Value.Detail);
    }

    [Fact]
    public void UnknownFailure_StaysA500WithoutInternals()
    {
        var mapped = ApiErrors.Map(new NullReferenceException("secret internals"));
        Assert.Equal(500, mapped!.Value.Status);
        Assert.DoesNotContain("secret", mapped.Value.Detail);
    }
}
