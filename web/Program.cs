using Plan2.Api;
using Plan2.Hosting;
using Plan2.Web;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets(); // MudBlazor's _content/ also when run from bin outside Development
builder.UseDefaultDashboardAddress();
builder.Logging.AddFilter("Polly", LogLevel.Warning);
var options = builder.AddPlan2Orleans();
builder.AddPlan2Api();
builder.AddPlan2Dashboard();
Plan2.Telegram.TelegramHosting.AddPlan2Telegram(builder); // on with Telegram__BotToken, off (and says so) without

var app = builder.Build();
app.UseDashboardErrors(); // first: a page's error anywhere in the pipeline ends in the error page; the API answers its own
app.MapPlan2Api(); // /api, /health, /openapi/v1.json, /scalar
app.MapPlan2Dashboard();
try
{
    await app.StartAsync();
}
catch (ClusterUnavailableException e)
{
    Console.Error.WriteLine($"Plan2 web could not start: {e.Message}");
    return 2;
}
app.PrintAddresses(options);
await app.WaitForShutdownAsync();
return 0;
