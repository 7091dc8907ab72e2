using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Api.Endpoints;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Streaming;

/// <summary>
/// A message a /ws client sends: {"op":"subscribe"|"unsubscribe","channel":"quotes"|"bars"|"predictions","symbol":"EURUSD"}
/// (predictions: optional "timeframe", M1 by default), or {"op":"subscribe"|"unsubscribe","channel":"orders"|"risk"} for the caller's tenant.
/// </summary>
public sealed record SocketCommand(string? Op, string? Channel, string? Symbol, string? Timeframe = null);

/// <summary>
/// The plain WebSocket endpoint /ws for clients without SignalR: JSON text messages both ways. The server
/// sends {"type":"quote","data":QuoteView}, {"type":"bar","data":BarView}, {"type":"prediction","data":PredictionView},
/// {"type":"order","data":OrderView}, {"type":"riskAlert","data":RiskAlertView} (the caller's tenant only),
/// {"type":"subscribed"|"unsubscribed","channel","symbol"} and {"type":"error","message"} (also with "channel" and "symbol"
/// when a subscription failed: the connection stays open, and the same subscribe may be sent again). A slow client loses its oldest messages, never blocks others.
/// </summary>
internal static class MarketSocket
{
    public const string Path = "/ws";
    private const int Backlog = 1024;

    public static async Task HandleAsync(HttpContext context, LiveMarket market, LiveActivity activity, LiveConnections connections, IOptions<JsonOptions> json, IProblemDetailsService problems)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiErrors.Write(problems, context, StatusCodes.Status400BadRequest, "/ws takes WebSocket connections only.");
            return;
        }
        var tenant = context.User.FindFirst(Plan2Claims.Tenant)!.Value;
        if (!connections.TryOpen(tenant))
        {
            await ApiErrors.Write(problems, context, StatusCodes.Status429TooManyRequests, "Your tenant has reached its cap of live connections.");
            return;
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await RunAsync(socket, market, new TenantFeed(activity, tenant), json.Value.SerializerOptions, context.RequestAborted);
        }
        finally
        {
            connections.Close(tenant);
        }
    }

    private static async Task RunAsync(WebSocket socket, LiveMarket market, TenantFeed tenantFeed, JsonSerializerOptions options, CancellationToken aborted)
    {
        var quotes = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var bars = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var predictions = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void Send(object message) => outbox.Writer.TryWrite(JsonSerializer.Serialize(message, options));
        void OnQuote(QuoteView q) { if (quotes.ContainsKey(q.Symbol)) Send(new { type = "quote", data = q }); }
        void OnBar(BarView b) { if (bars.ContainsKey(b.Symbol)) Send(new { type = "bar", data = b }); }
        void OnPrediction(PredictionView p) { if (predictions.ContainsKey($"{p.Symbol}/{p.Timeframe}")) Send(new { type = "prediction", data = p }); }
        market.Quote += OnQuote;
        market.Bar += OnBar;
        market.Prediction += OnPrediction;
        tenantFeed.Start(Send);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sender = SendLoopAsync(socket, outbox.Reader, stop.Token);
        try
        {
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.Open)
            {
                var text = await ReceiveTextAsync(socket, buffer, stop.Token);
                if (text is null)
                    break;
                SocketCommand? command;
                try
                {
                    command = JsonSerializer.Deserialize<SocketCommand>(text, options);
                }
                catch (JsonException e)
                {
                    Send(new { type = "error", message = "Not JSON: " + e.Message });
                    continue;
                }
                if (command?.Channel is "orders" or "risk" && command.Op is "subscribe" or "unsubscribe")
                {
                    try
                    {
                        await tenantFeed.ChangeAsync(command.Channel, command.Op == "subscribe");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Send(SubscribeFailed(command.Channel, null, e));
                        continue;
                    }
                    Send(new { type = command.Op + "d", channel = command.Channel });
                    continue;
                }
                var set = command?.Channel switch { "quotes" => quotes, "bars" => bars, "predictions" => predictions, _ => null };
                if (command?.Op is not ("subscribe" or "unsubscribe") || set is null || !MarketEndpoints.IsSymbol(command.Symbol))
                {
                    Send(new { type = "error", message = "Send {\"op\":\"subscribe\"|\"unsubscribe\",\"channel\":\"quotes\"|\"bars\"|\"predictions\",\"symbol\":\"EURUSD\"} or {\"op\":\"subscribe\",\"channel\":\"orders\"|\"risk\"}." });
                    continue;
                }
                var symbol = command.Symbol!.ToUpperInvariant();
                var tf = (command.Timeframe ?? "M1").ToUpperInvariant();
                if (set == predictions && !MarketEndpoints.Timeframes.Contains(tf))
                {
                    Send(new { type = "error", message = "Timeframe must be M1, M5, M15, H1 or D1." });
                    continue;
                }
                var key = set == predictions ? $"{symbol}/{tf}" : symbol;
                if (command.Op == "subscribe")
                {
                    try
                    {
                        await (set == predictions ? market.WatchPredictionsAsync(key) : market.WatchAsync(symbol));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One symbol's failure (its grain threw, the cluster did not answer) ends neither the connection nor its other subscriptions.
                        Send(SubscribeFailed(command.Channel!, symbol, e));
                        continue;
                    }
                    set[key] = 0;
                }
                else
                    set.TryRemove(key, out _);
                Send(new { type = command.Op + "d", channel = command.Channel, symbol });
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally
        {
            market.Quote -= OnQuote;
            market.Bar -= OnBar;
            market.Prediction -= OnPrediction;
            tenantFeed.Stop();
            outbox.Writer.TryComplete();
            await stop.CancelAsync();
            try { await sender; } catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
    }

    private static object SubscribeFailed(string channel, string? symbol, Exception e) => new
    {
        type = "error",
        channel,
        symbol,
        message = $"Subscribing to {channel}{(symbol is null ? "" : " of " + symbol)} failed ({ApiErrors.Map(e)?.Detail ?? e.Message}); "
            + "nothing was subscribed, the connection and its other subscriptions go on; send the subscribe again to retry.",
    };

    private static async Task SendLoopAsync(WebSocket socket, ChannelReader<string> outbox, CancellationToken ct)
    {
        await foreach (var message in outbox.ReadAllAsync(ct))
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, ct);
    }

    /// <summary>One whole text message (at most 4 KiB: commands are small), or null when the client closed.</summary>
    private static async Task<string?> ReceiveTextAsync(WebSocket socket, byte[] buffer, CancellationToken ct)
    {
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            count += result.Count;
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(buffer, 0, count);
            if (count == buffer.Length)
                throw new WebSocketException("A message longer than 4 KiB: commands are small.");
        }
    }
}
