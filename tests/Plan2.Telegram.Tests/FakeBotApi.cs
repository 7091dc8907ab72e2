using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Plan2.Telegram.Tests;

/// <summary>
/// A local stand-in for api.telegram.org speaking the Bot API over HTTP (/bot{token}/{method}): getMe,
/// deleteWebhook, setMyCommands, getUpdates (long poll), sendMessage, sendPhoto (multipart),
/// editMessageText, answerCallbackQuery. It records every call the bot makes, hands the bot updates the
/// test pushes, can answer 429 with retry_after, and can be stopped and started again on its port.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonObject> _updates = new();
    private readonly List<BotCall> _calls = [];
    private readonly ConcurrentDictionary<string, int> _throttle = new();
    private readonly SemaphoreSlim _updateArrived = new(0);
    private WebApplication? _app;
    private int _updateId;
    private int _messageId = 1000;

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool IsRunning => _app is not null;

    public IReadOnlyList<BotCall> Calls { get { lock (_calls) return _calls.ToList(); } }

    public int CallCount { get { lock (_calls) return _calls.Count; } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/bot{token}/{method}", HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port; // the first start takes a free port; restarts keep it
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The next <paramref name="times"/> calls of this method answer 429 with this retry_after.</summary>
    public void TooManyRequests(string method, int retryAfterSeconds, int times = 1) => _throttle[method] = retryAfterSeconds * 1000 + times;

    public void PushText(long chatId, string text) => Push(new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _messageId), ["date"] = Now(), ["text"] = text,
            ["chat"] = Chat(chatId), ["from"] = From(chatId),
        },
    });

    public void PushButton(long chatId, int messageId, string data) => Push(new JsonObject
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cb" + Interlocked.Increment(ref _messageId), ["from"] = From(chatId), ["chat_instance"] = "ci" + chatId, ["data"] = data,
            ["message"] = new JsonObject { ["message_id"] = messageId, ["date"] = Now(), ["chat"] = Chat(chatId), ["text"] = "…" },
        },
    });

    /// <summary>Waits until a call recorded after <paramref name="after"/> matches; fails the test after the timeout.</summary>
    public async Task<BotCall> WaitForAsync(int after, Func<BotCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Calls.Skip(after).FirstOrDefault(match) is { } call)
                return call;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No matching Bot API call after #{after} within the timeout. Calls: {string.Join(" | ", Calls.Skip(after).Select(c => c.ToString()))}");
    }

    private void Push(JsonObject update)
    {
        update["update_id"] = Interlocked.Increment(ref _updateId);
        _updates.Enqueue(update);
        _updateArrived.Release();
    }

    private async Task<IResult> HandleAsync(HttpContext http, string method)
    {
        var fields = await ReadFieldsAsync(http.Request);
        if (_throttle.TryGetValue(method, out var t) && t % 1000 > 0)
        {
            _throttle[method] = t - 1;
            Record(method, fields, status: 429, null);
            return Results.Json(new JsonObject
            {
                ["ok"] = false, ["error_code"] = 429, ["description"] = $"Too Many Requests: retry after {t / 1000}",
                ["parameters"] = new JsonObject { ["retry_after"] = t / 1000 },
            }, statusCode: 429);
        }
        JsonNode result = method switch
        {
            "getMe" => new JsonObject { ["id"] = 42, ["is_bot"] = true, ["first_name"] = "Plan2", ["username"] = "plan2_test_bot" },
            "getUpdates" => await UpdatesAsync(fields, http.RequestAborted),
            "sendMessage" or "sendPhoto" or "editMessageText" => SentMessage(fields),
            _ => true, // deleteWebhook, setMyCommands, answerCallbackQuery
        };
        if (method != "getUpdates")
            Record(method, fields, status: 200, (result as JsonObject)?["message_id"]?.GetValue<int>());
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonNode> UpdatesAsync(JsonObject fields, CancellationToken aborted)
    {
        var offset = fields["offset"]?.GetValue<int>() ?? 0;
        // As Telegram does: asking from an offset confirms every earlier update, which is then forgotten.
        while (_updates.TryPeek(out var first) && first["update_id"]!.GetValue<int>() < offset)
            _updates.TryDequeue(out _);
        var timeout = TimeSpan.FromSeconds(fields["timeout"]?.GetValue<int>() ?? 0);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var ready = _updates.Where(u => u["update_id"]!.GetValue<int>() >= offset).Select(u => u.DeepClone()).ToArray();
            if (ready.Length > 0 || DateTime.UtcNow >= until)
                return new JsonArray(ready);
            try { await _updateArrived.WaitAsync(TimeSpan.FromMilliseconds(200), aborted); }
            catch (OperationCanceledException) { return new JsonArray(); }
        }
    }

    private JsonObject SentMessage(JsonObject fields) => new()
    {
        ["message_id"] = fields["message_id"]?.GetValue<int>() ?? Interlocked.Increment(ref _messageId),
        ["date"] = Now(),
        ["chat"] = Chat(long.Parse(fields["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)),
        ["text"] = fields["text"]?.ToString() ?? "",
    };

    private void Record(string method, JsonObject fields, int status, int? sentMessageId)
    {
        lock (_calls)
            _calls.Add(new BotCall(_calls.Count, method, fields, status, DateTimeOffset.UtcNow, sentMessageId));
    }

    private static async Task<JsonObject> ReadFieldsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var fields = new JsonObject();
            foreach (var (key, value) in form)
                fields[key] = TryJson(value.ToString());
            foreach (var file in form.Files)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes);
                // A file travels as a part of its own, named by "attach://NAME" in the field that sends it.
                var field = form.FirstOrDefault(f => f.Value.ToString() == "attach://" + file.Name).Key ?? file.Name;
                fields[field] = Convert.ToBase64String(bytes.ToArray());
            }
            return fields;
        }
        if (request.ContentLength is 0 or null && !request.Headers.ContentType.ToString().Contains("json", StringComparison.Ordinal))
            return [];
        return (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? [];
    }

    private static JsonNode? TryJson(string text)
    {
        if (text.StartsWith('{') || text.StartsWith('['))
            try { return JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
        return JsonValue.Create(text);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private static JsonObject Chat(long id) => new() { ["id"] = id, ["type"] = "private", ["first_name"] = "Tester" };
    private static JsonObject From(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Tester" };
}

/// <summary>One call the bot made: method, its fields (JSON or form), the status we answered, when.</summary>
public sealed record BotCall(int Index, string Method, JsonObject Fields, int Status, DateTimeOffset At, int? SentMessageId)
{
    public long? ChatId => Fields["chat_id"] is { } c && long.TryParse(c.ToString(), out var id) ? id : null;
    public string Text => Fields["text"]?.ToString() ?? Fields["caption"]?.ToString() ?? "";
    public bool Silent => Fields["disable_notification"] is { } d && d.ToString() == "true";
    public int? MessageId => Fields["message_id"]?.GetValue<int>();

    /// <summary>Callback data of every inline button, row by row.</summary>
    public IReadOnlyList<string> Buttons =>
        (Fields["reply_markup"]?["inline_keyboard"] as JsonArray)?.SelectMany(r => r!.AsArray()).Select(b => b!["callback_data"]!.ToString()).ToList() ?? [];

    public override string ToString() => $"#{Index} {Method}[{Status}] chat {ChatId}: {Text}";
}
