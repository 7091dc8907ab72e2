using Plan2.Hosting;

// A cluster member: Redis membership, PostgreSQL state and reminders. Configuration: README.md.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
var options = builder.AddPlan2Silo(forceMode: HostingMode.Cluster);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"Plan2 silo up: cluster '{options.ClusterId}', silo port {options.SiloPort}, gateway port {options.GatewayPort}");
await host.WaitForShutdownAsync();
