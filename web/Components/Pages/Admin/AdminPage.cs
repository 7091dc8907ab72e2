using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;
using Plan2.Web.Services.Administration;

namespace Plan2.Web.Components.Pages.Admin;

/// <summary>What the administration pages share: the service, and refusals shown as a message rather than a broken circuit.</summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected AdministrationService Admin { get; set; } = default!;
    [Inject] protected DashboardUser User { get; set; } = default!;

    protected string? Error { get; private set; }

    /// <summary>Runs an action; a refusal (bad input, a conflict, a missing right) becomes the page's error line.</summary>
    protected async Task<bool> RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            Error = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or UnauthorizedAccessException or KeyNotFoundException)
        {
            Error = e.Message;
            return false;
        }
    }
}
