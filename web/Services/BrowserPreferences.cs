using System.Text.Json;
using Microsoft.JSInterop;

namespace Plan2.Web.Services;

/// <summary>
/// Settings kept per browser (local storage), as JSON under "plan2."-prefixed keys: the theme and chart
/// settings until a signed-in user's settings live in a grain. Only callable once the circuit is interactive.
/// </summary>
public sealed class BrowserPreferences(IJSRuntime js)
{
    public const string DarkThemeKey = "theme.dark";
    public const string ChartKey = "chart";

    public async Task<T?> GetAsync<T>(string key)
    {
        try
        {
            var json = await js.InvokeAsync<string?>("plan2.prefs.get", key);
            return json is null ? default : JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return default; // a setting written by an older version: start from the defaults
        }
    }

    public ValueTask SetAsync<T>(string key, T value) => js.InvokeVoidAsync("plan2.prefs.set", key, JsonSerializer.Serialize(value));
}
