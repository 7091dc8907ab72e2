using Microsoft.AspNetCore.Antiforgery;

namespace Plan2.Web.Identity;

/// <summary>
/// Answers a form post whose antiforgery token is missing or invalid (another site's form, a script, a page
/// kept open across a key change) with a 400 that says so, before its endpoint reads the form. Without it the
/// endpoint threw (the API's ThrowOnBadRequest), the error page threw again on the same form, and each such
/// post left Error logs (ErrorDNA fingerprints, alerts to admins) for what is the client's mistake. Runs after
/// UseAntiforgery, which records the verdict; one Warning per refused post.
/// </summary>
internal sealed class ForgedFormGuard(RequestDelegate next, IProblemDetailsService problems, ILogger<ForgedFormGuard> log)
{
    public const string Detail = "This form was not sent with a valid antiforgery token of this dashboard (a page of another site, "
        + "or one open since the server's keys changed): nothing was done. Reload the page and try again.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false } verdict)
        {
            await next(context);
            return;
        }
        log.LogWarning("Refused a {Method} to {Path} without a valid antiforgery token: {Reason}",
            context.Request.Method, context.Request.Path, verdict.Error?.Message);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new() { Status = StatusCodes.Status400BadRequest, Title = "Invalid antiforgery token", Detail = Detail },
        });
    }
}
