using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Plan2.Api.Tests;

/// <summary>The JSON client of /ws that a non-.NET integrator would write, for the streaming tests.</summary>
internal static class PlainWebSocket
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static Task<WebSocket> ConnectAsync(ApiFixture api, string? token)
    {
        var query = token is null ? "" : "?access_token=" + Uri.EscapeDataString(token);
        return api.Server.CreateWebSocketClient().ConnectAsync(new Uri(api.Server.BaseAddress, "ws" + query), CancellationToken.None).WaitAsync(Wait);
    }

    public static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>One whole message, however many frames it came in.</summary>
    public static async Task<JsonObject> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(Wait);
            count += result.Count;
            if (result.EndOfMessage)
                return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count))!.AsObject();
        }
    }
}
