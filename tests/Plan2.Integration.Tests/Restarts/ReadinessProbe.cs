using System.Net;
using System.Text.Json;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>Polls a silo's /health/ready until it answers the wanted status; returns the last body.</summary>
internal static class ReadinessProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<JsonElement> WaitForAsync(int port, HttpStatusCode wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{port}/health/ready");
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == wanted)
                    return JsonDocument.Parse(last).RootElement.Clone();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"/health/ready did not answer {(int)wanted} within {timeout}; last: {last}");
            await Task.Delay(200);
        }
    }
}
