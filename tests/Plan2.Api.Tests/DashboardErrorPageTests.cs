using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Web;

namespace Plan2.Api.Tests;

/// <summary>
/// The dashboard's error handling as users run it (Production) on a bare host: a failed form post ends in the error
/// page rendered as a GET (re-run as the POST, Blazor's page was a form post without its form), and a body that
/// cannot be read keeps its 4xx instead of becoming a 500.
/// </summary>
public class DashboardErrorPageTests
{
    [Fact]
    public async Task FailedPost_ShowsTheErrorPageAsAGet_UnreadableBodyKeepsIts400()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.UseDashboardErrors();
        app.MapPost("/fails", (Func<string>)(() => throw new InvalidOperationException("a grain failed")));
        app.MapPost("/unreadable", (Func<string>)(() => throw new BadHttpRequestException("Unexpected end of request content.")));
        app.MapMethods(DashboardErrors.Path, ["GET", "POST"], (HttpContext c) => "error page, " + c.Request.Method);
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var failed = await client.PostAsync("/fails", new FormUrlEncodedContent([new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("error page, GET", await failed.Content.ReadAsStringAsync());

        using var unreadable = await client.PostAsync("/unreadable", new StringContent("\u0000garbage"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("error page, GET", await unreadable.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A body the client broke is its mistake, not ours: it is not logged as an error (where ErrorDNA would fingerprint
    /// it and alert admins), while a real failure still is.
    /// </summary>
    [Fact]
    public async Task UnreadableBody_IsNotLoggedAsAnError_AFailureIs()
    {
        var errors = new ErrorLog();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Logging.AddProvider(errors);
        await using var app = builder.Build();
        app.UseDashboardErrors();
        app.MapPost("/fails", (Func<string>)(() => throw new InvalidOperationException("a grain failed")));
        app.MapPost("/unreadable", (Func<string>)(() => throw new BadHttpRequestException("Unexpected end of request content.")));
        app.MapMethods(DashboardErrors.Path, ["GET", "POST"], (HttpContext c) => "error page");
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var unreadable = await client.PostAsync("/unreadable", new StringContent("\u0000garbage"));
        using var failed = await client.PostAsync("/fails", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.DoesNotContain(errors.Exceptions, e => e is BadHttpRequestException);
        Assert.Contains(errors.Exceptions, e => e is InvalidOperationException);
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        private readonly List<Exception> _exceptions = [];

        public IReadOnlyList<Exception> Exceptions { get { lock (_exceptions) return [.. _exceptions]; } }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel))
                lock (_exceptions) _exceptions.Add(exception);
        }

        public void Dispose() { }
    }
}
