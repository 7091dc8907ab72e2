using Microsoft.AspNetCore.Diagnostics;

namespace Plan2.Web;

/// <summary>
/// The dashboard's error page, first in the pipeline: before the API's authentication and rate limits (which a page's
/// request passes too, and whose failures went past it), and around the API's own error answers (ApiErrors, which map
/// every API exception to a problem body, so none reaches this page). Placed inside them, it caught API exceptions
/// first and sent API clients an HTML page with a 500. Not a branch (UseWhen): a branch has no routes to re-run the page with.
/// </summary>
public static class DashboardErrors
{
    public const string Path = "/error";

    public static void UseDashboardErrors(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            return;
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = Path,
            CreateScopeForErrors = true,
            // A body that cannot be read (not a form where a form is expected, cut short, over a limit) is the client's mistake.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // ...and not our failure: not logged as an error, where ErrorDNA would fingerprint it and alert admins.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        // The error page is rendered as a GET whatever failed: re-run as the failed POST, the page itself was a form post
        // without its form (Blazor answered 400 in plain text, or threw again) instead of the page.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IExceptionHandlerFeature>() is not null && !HttpMethods.IsGet(context.Request.Method))
                context.Request.Method = HttpMethods.Get;
            return next(context);
        });
    }
}
