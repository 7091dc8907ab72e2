using System.Text;
using Microsoft.AspNetCore.Http;

namespace Plan2.ClickHouseFront;

/// <summary>
/// One HTTP query: SQL from the URL "query" parameter and/or the body, default_format as output format,
/// database, param_* bound by the engine, any other URL parameter applied as a setting. INSERT … FORMAT
/// data is spooled to a file first (outside the engine's lock, so concurrent uploads overlap).
/// </summary>
internal sealed class HttpQueryHandler(ChDbSession session, string spoolDirectory, string timezone)
{
    private const int HeadSize = 64 * 1024;

    // URL parameters of the HTTP interface itself, not settings.
    private static readonly HashSet<string> NotSettings = new(StringComparer.Ordinal)
    {
        "query", "query_id", "default_format", "database", "session_id", "session_timeout", "session_check",
        "compress", "decompress", "user", "password", "quota_key", "buffer_size", "wait_end_of_query",
        "role", "stacktrace", "enable_http_compression",
    };

    public Action<string>? Trace
    {
        get => session.Trace;
        set => session.Trace = value;
    }

    /// <summary>A fault to inject: given a statement, the error to answer instead of running it, or null to run it.</summary>
    public Func<string, string?>? Refuse { get; set; }

    // NETWORK_ERROR: what a dead or unreachable server looks like to the caller.
    private const int FaultCode = 210;

    public async Task HandleAsync(HttpContext context)
    {
        var url = context.Request.Query;
        var ct = context.RequestAborted;
        var format = url["default_format"].ToString() is { Length: > 0 } f ? f : "TabSeparated";
        var headers = context.Response.Headers;
        headers["X-ClickHouse-Query-Id"] = url["query_id"].ToString() is { Length: > 0 } id ? id : Guid.NewGuid().ToString();
        headers["X-ClickHouse-Format"] = format;
        headers["X-ClickHouse-Timezone"] = timezone;
        try
        {
            var parameters = url.Where(p => p.Key.StartsWith("param_", StringComparison.Ordinal))
                .Select(p => KeyValuePair.Create(p.Key["param_".Length..], p.Value.ToString())).ToList();
            var settings = url.Where(p => !p.Key.StartsWith("param_", StringComparison.Ordinal) && !NotSettings.Contains(p.Key))
                .ToDictionary(p => p.Key, p => p.Value.ToString());
            var database = url["database"].ToString();

            await using var body = RequestBody.Open(context.Request);
            using var result = await RunAsync(url["query"].ToString(), body, database, settings, parameters, format, ct);
            if (result.Error is not null)
            {
                await WriteErrorAsync(context, result.ErrorCode, result.Error);
                return;
            }
            headers["X-ClickHouse-Summary"] = Summary(result);
            context.Response.ContentType = IsBinary(format) ? "application/octet-stream" : "text/plain; charset=UTF-8";
            context.Response.ContentLength = result.Length;
            await result.CopyToAsync(context.Response.Body, ct);
        }
        catch (ChDbException e)
        {
            await WriteErrorAsync(context, e.Code, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            await WriteErrorAsync(context, 1001, e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && !context.Response.HasStarted)
        {
            // A real server answers every failure with its text; an empty 500 (the host's answer to an exception let out
            // of here) told a failing test nothing.
            await WriteErrorAsync(context, 1001, $"{e.GetType().FullName}: {e.Message} ({e.StackTrace?.Split('\n')[0].Trim()})");
        }
    }

    private async Task<ChDbResult> RunAsync(string urlQuery, Stream body, string database, Dictionary<string, string> settings,
        List<KeyValuePair<string, string>> parameters, string format, CancellationToken ct)
    {
        var head = new byte[HeadSize];
        var headLength = await RequestBody.ReadHeadAsync(body, head, ct);

        if (urlQuery.Length > 0)
        {
            var urlBytes = Encoding.UTF8.GetBytes(urlQuery);
            if (InsertStatement.TryParse(urlBytes, urlBytes.Length) is var (insert, _))
                return await InsertAsync(insert, head.AsMemory(0, headLength), body, database, settings, format, ct);
        }
        else if (InsertStatement.TryParse(head, headLength) is var (insert, dataOffset))
        {
            return await InsertAsync(insert, head.AsMemory(dataOffset, headLength - dataOffset), body, database, settings, format, ct);
        }

        var text = new MemoryStream();
        if (urlQuery.Length > 0) text.Write(Encoding.UTF8.GetBytes(urlQuery + "\n"));
        text.Write(head, 0, headLength);
        await body.CopyToAsync(text, ct);
        var sql = Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        if (Refuse?.Invoke(sql) is { } refusal)
            throw new ChDbException(FaultCode, refusal);
        return await session.RunAsync(database, settings, engine =>
        {
            Trace?.Invoke(parameters.Count == 0 ? sql : $"{sql} -- {string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))}");
            return engine.Query(sql, format, parameters);
        }, ct);
    }

    private async Task<ChDbResult> InsertAsync(InsertStatement insert, ReadOnlyMemory<byte> head, Stream rest,
        string database, Dictionary<string, string> settings, string format, CancellationToken ct)
    {
        var path = Path.Combine(spoolDirectory, Guid.NewGuid().ToString("n") + "." + insert.Format);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                await file.WriteAsync(head, ct);
                await rest.CopyToAsync(file, 1 << 20, ct);
            }
            return await session.RunAsync(database, settings, engine =>
            {
                var structure = TableStructure.Of(engine, insert, session.CurrentDatabase);
                var sql = insert.FromFileSql();
                if (Refuse?.Invoke(sql) is { } refusal)
                    throw new ChDbException(FaultCode, refusal);
                Trace?.Invoke($"{sql} -- {insert.Format}: {structure}");
                return engine.Query(sql, format, [new("path", path), new("format", insert.Format), new("structure", structure)]);
            }, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int code, string message)
    {
        var text = message.StartsWith("Code: ", StringComparison.Ordinal) ? message : $"Code: {code}. DB::Exception: {message}";
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.Headers["X-ClickHouse-Exception-Code"] = code.ToString();
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync(text.TrimEnd('\n') + "\n");
    }

    private static string Summary(ChDbResult r) =>
        $$"""{"read_rows":"{{r.RowsRead}}","read_bytes":"{{r.BytesRead}}","written_rows":"{{r.RowsWritten}}","written_bytes":"{{r.BytesWritten}}","total_rows_to_read":"0","result_rows":"{{r.RowsRead}}","result_bytes":"{{r.Length}}","elapsed_ns":"{{(long)(r.Elapsed.TotalMilliseconds * 1e6)}}"}""";

    private static bool IsBinary(string format) =>
        format.StartsWith("RowBinary", StringComparison.OrdinalIgnoreCase) || format is "Native" or "Parquet" or "Arrow" or "ArrowStream";
}
