using Plan2.Abstractions.Identity;

namespace Plan2.Client.Tests;

internal static class GrantRefusals
{
    /// <summary>The call is refused by the silo's grant check, for this reason: typed, so a client can tell a grant to renew from a missing right.</summary>
    public static async Task<ClientGrantRefusedException> AssertAsync(ClientGrantRefusal reason, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<ClientGrantRefusedException>(call);
        Assert.Equal(reason, refused.Reason);
        return refused;
    }
}
