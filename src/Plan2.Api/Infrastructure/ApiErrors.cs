using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// Makes every error under /api an RFC 9457 problem details answer: bodies too large (413, checked before
/// anything is read), unreadable JSON (400 with the parser's reason), exceptions from grains mapped by type,
/// and bare status codes (401, 403, 404, 405, 429) given a body.
/// </summary>
internal sealed class ApiErrors(RequestDelegate next, IProblemDetailsService problems, IOptions<ApiOptions> options, ILogger<ApiErrors> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body has {context.Request.ContentLength} bytes; the API accepts at most {limit}.");
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && Map(e) is { } mapped)
        {
            if (mapped.Status >= 500)
                log.LogError(e, "API request {Path} failed", context.Request.Path);
            await WriteAsync(context, mapped.Status, mapped.Detail);
            return;
        }
        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && context.Response.ContentType is null)
            await WriteAsync(context, context.Response.StatusCode, DefaultDetail(context));
    }

    /// <summary>Exceptions by meaning: bad input 400, missing 404, conflict with state 409, another tenant's grain 403.</summary>
    public static (int Status, string Detail)? Map(Exception e) => e switch
    {
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => (413, "The request body is larger than the API accepts."),
        BadHttpRequestException bad => (bad.StatusCode, bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message),
        ArgumentException => (400, e.Message),
        FormatException => (400, e.Message),
        KeyNotFoundException => (404, e.Message),
        UnauthorizedAccessException => (403, e.Message),
        InvalidOperationException => (409, e.Message),
        // A store outage is transient: 503 so clients retry, naming the store but not the driver's words (hosts, ports).
        Plan2.Abstractions.Operations.StorageUnavailableException s =>
            (503, $"{(s.Store.Length > 0 ? s.Store : "A store the platform needs")} is unavailable; nothing of this call was saved. Retry when it is back."),
        TimeoutException or Orleans.Runtime.SiloUnavailableException => (503, "The trading cluster did not answer in time; try again."),
        _ => (500, "The server failed to handle the request."),
    };

    private static string DefaultDetail(HttpContext context) => context.Response.StatusCode switch
    {
        401 => "Sign in first: send 'Authorization: Bearer <access token>' or an API key; the token may be missing, expired or invalid.",
        403 => "Your role or tenant does not allow this.",
        404 => "There is no such resource.",
        405 => $"{context.Request.Method} is not allowed here.",
        429 => "Too many requests; wait as Retry-After says.",
        _ => "The request failed.",
    };

    public Task WriteAsync(HttpContext context, int status, string detail) => Write(problems, context, status, detail);

    public static async Task Write(IProblemDetailsService problems, HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
