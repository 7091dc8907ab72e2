using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>
/// Sets the platform up as its operators would, through the REST API: tenants, users, second factors,
/// accounts. The browser tests then sign in as these users.
/// </summary>
public sealed class PlatformApi(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> SignInAsync(string email, string password, string? code = null)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/sign-in", new { email, password, code });
        return (await ReadAsync(response)).GetProperty("accessToken").GetString()!;
    }

    public async Task<string> CreateTenantAsync(string token, string name) =>
        (await SendAsync(HttpMethod.Post, "/api/tenants", token, new { name })).GetProperty("id").GetString()!;

    public Task AddUserAsync(string token, string tenant, string email, string password, string role) =>
        SendAsync(HttpMethod.Post, $"/api/tenants/{tenant}/users", token, new { email, password, role });

    public Task OpenAccountAsync(string token, string accountId, decimal deposit) =>
        SendAsync(HttpMethod.Post, "/api/accounts", token, new { accountId, currency = "USD", deposit });

    /// <summary>Enrols TOTP for the token's user as an authenticator app would; returns the secret (Base32).</summary>
    public async Task<string> EnrolTotpAsync(string token)
    {
        var secret = (await SendAsync(HttpMethod.Post, "/api/me/totp", token, new { })).GetProperty("secret").GetString()!;
        await SendAsync(HttpMethod.Post, "/api/me/totp/confirm", token, new { code = Totp(secret).ComputeTotp(DateTime.UtcNow) });
        return secret;
    }

    /// <summary>The authenticator's code one step ahead (the platform accepts one step either side): a code not yet used at enrolment.</summary>
    public static string NextCode(string secret) => Totp(secret).ComputeTotp(DateTime.UtcNow.AddSeconds(30));

    public async Task<int> CountOrdersAsync(string token) =>
        (await SendAsync(HttpMethod.Get, "/api/orders", token, null)).GetArrayLength();

    /// <summary>The raw answer to a request, for calls expected to be refused.</summary>
    public async Task<HttpStatusCode> StatusOfAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = Request(method, path, token, body);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private static Totp Totp(string secret) => new(Base32Encoding.ToBytes(secret));

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = Request(method, path, token, body);
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
