using Plan2.Core.Diagnostics;

namespace Plan2.Core.Tests.Diagnostics;

public class MessageNormaliserTests
{
    [Theory]
    [InlineData("Account 'acme/main' is not open.", "Account '<v>' is not open.")]
    [InlineData("Order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found", "Order <guid> not found")]
    [InlineData("Order s1a2b3c4d5e6f7a8-1700000000-o was refused", "Order <id> was refused")]
    [InlineData("Quote is 12.5 s old (limit 10)", "Quote is <n> s old (limit <n>)")]
    [InlineData("User bob@example.com locked at 2026-12-03T11:55:40Z", "User <email> locked at <time>")]
    [InlineData("Handle 0x1F2E failed", "Handle <hex> failed")]
    [InlineData("Key \"EURUSD/M1\" missing", "Key \"<v>\" missing")]
    [InlineData("  spaced\r\n  out  ", "spaced out")]
    public void Normalise_ReplacesValues(string message, string expected) =>
        Assert.Equal(expected, MessageNormaliser.Normalise(message));

    [Fact]
    public void Normalise_CutsLongMessages() =>
        Assert.Equal(MessageNormaliser.MaxLength, MessageNormaliser.Normalise(new string('x', 5000)).Length);

    [Fact]
    public void Normalise_EmptyOrNull_IsEmpty()
    {
        Assert.Equal("", MessageNormaliser.Normalise(null));
        Assert.Equal("", MessageNormaliser.Normalise("   "));
    }
}
