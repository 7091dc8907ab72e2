using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Plan2.Api.Auth;

/// <summary>
/// Validates access tokens like <see cref="JsonWebTokenHandler"/> and remembers each valid one until it
/// expires, so a client's many requests with one token pay for parsing, claims and the signature once
/// instead of on every request. The key is the token's exact text: a forged or
/// altered token is a different text and is validated in full; a remembered one stops counting at its
/// expiry. Each hit gets its own copy of the identity, so no request sees another's changes.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    private const int Capacity = 20_000; // tokens live 15 minutes: more than this at once is an unusual load, and clearing is safe
    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime ValidToUtc)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _valid.TryGetValue(token, out var known))
        {
            if (clock.GetUtcNow().UtcDateTime < known.ValidToUtc)
                return Copy(known.Result);
            _valid.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null && result.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            if (_valid.Count >= Capacity)
                _valid.Clear();
            _valid[token] = (result, validTo);
            return Copy(result);
        }
        return result;
    }

    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };
}
