using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>
/// A collector's OTLP/HTTP front on loopback: accepts protobuf exports on /v1/metrics, /v1/traces and
/// /v1/logs and keeps each body. No protobuf types here: names and attribute values are UTF-8
/// strings inside the messages, which is what the tests look for.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            if (request.ContentType != "application/x-protobuf")
                return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._bodies.GetOrAdd(signal, _ => new()).Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf"); // an empty Export*ServiceResponse: all accepted
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until one export of <paramref name="signal"/> holds every text; returns that export.</summary>
    public async Task<string> WaitForAsync(string signal, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exports = _bodies.TryGetValue(signal, out var queue) ? queue.ToArray() : [];
            foreach (var export in exports.Reverse())
            {
                var text = Encoding.UTF8.GetString(export);
                if (texts.All(t => text.Contains(t, StringComparison.Ordinal)))
                    return text;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {signal} export held all of [{string.Join(", ", texts)}] within {timeout}; {exports.Length} exports received.");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
