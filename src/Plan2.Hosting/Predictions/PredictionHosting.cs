using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.Grains.Predictions;

namespace Plan2.Hosting.Predictions;

public static class PredictionHosting
{
    /// <summary>The shipped models, shared by the silo's predictors, and the service that keeps predictors running.</summary>
    public static IHostApplicationBuilder AddPlan2Predictions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Plan2:Predictions").Get<PredictionOptions>() ?? new PredictionOptions());
        builder.Services.AddSingleton<ModelSource>();
        builder.Services.AddSingleton<IModelSource>(sp => sp.GetRequiredService<ModelSource>());
        builder.Services.AddHostedService<PredictionService>();
        builder.Services.AddSingleton<PredictionPublisher>();
        builder.Services.AddSingleton<IPredictionPublisher>(sp => sp.GetRequiredService<PredictionPublisher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PredictionPublisher>());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Plan2:Predictions:Retrain").Get<RetrainOptions>() ?? new RetrainOptions());
        builder.Services.AddSingleton<RetrainService>();
        builder.Services.AddSingleton<IChallengerTrainer>(sp => sp.GetRequiredService<RetrainService>());
        builder.Services.AddHostedService<ModelLifecycleService>();
        return builder;
    }
}
