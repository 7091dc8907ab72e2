using Microsoft.Extensions.Configuration;

namespace Plan2.Hosting;

public static class ConfigurationExtensions
{
    public static Plan2Options GetPlan2Options(this IConfiguration configuration) =>
        configuration.GetSection(Plan2Options.Section).Get<Plan2Options>() ?? new Plan2Options();

    public static string RequireConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Cluster mode needs ConnectionStrings:{name} (environment variable ConnectionStrings__{name}).");
}
