using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Plan2.Grains.Diagnostics;

public static class ErrorDnaHosting
{
    /// <summary>A silo: fingerprints exceptions of grain calls and of Error logs, and reports them.</summary>
    public static ISiloBuilder AddErrorDna(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<ErrorDnaCallFilter>();
        silo.Services.AddErrorDnaCollection();
        return silo;
    }

    /// <summary>Any process with an IGrainFactory (a silo, the web as a client): fingerprints Error logs and reports them.</summary>
    public static IServiceCollection AddErrorDnaCollection(this IServiceCollection services)
    {
        services.TryAddSingleton<ErrorDnaCollector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, ErrorDnaLog>());
        if (services.All(s => s.ImplementationType != typeof(ErrorDnaReporter)))
        {
            services.AddSingleton<ErrorDnaReporter>();
            services.AddHostedService(sp => sp.GetRequiredService<ErrorDnaReporter>());
        }
        return services;
    }
}
