using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Storage.Orders;
using Plan2.Storage.Postgres;

namespace Plan2.Hosting;

/// <summary>Applies our PostgreSQL schema (Orleans' tables and the order journal) before the silo starts (hosted services start in order).</summary>
internal sealed class OrleansSchemaSetup(string connectionString, ILogger<OrleansSchemaSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var result = await OrleansSchema.EnsureAsync(connectionString, cancellationToken);
        logger.LogInformation("PostgreSQL Orleans schema at version {Version} (was {Before}); {Changed} stored queries written",
            result.VersionAfter, result.VersionBefore, result.QueriesChanged);
        var orderLogBefore = await OrderLogSchema.EnsureAsync(connectionString, cancellationToken);
        logger.LogInformation("PostgreSQL order journal schema at version {Version} (was {Before})", OrderLogSchema.CurrentVersion, orderLogBefore);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
