using Plan2.Integration.Tests.Infrastructure;
using Plan2.Tests.Shared;

namespace Plan2.Integration.Tests.Processes;

/// <summary>The real web and silo programs, started as a user starts them.</summary>
public sealed class WebProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EmbeddedWeb_ServesTheClusterPage_WithOneSiloAndTheInMemoryWarning()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var web = ChildProcess.Start(RepoPaths.WebDll, new Dictionary<string, string>(DashboardSignIn.AdminSettings())
        {
            ["ASPNETCORE_URLS"] = url,
            ["Plan2__SiloPort"] = FreePort.Next().ToString(),
            ["Plan2__GatewayPort"] = FreePort.Next().ToString(),
            ["Plan2__DataDir"] = TestFolders.Create("plan2-web-"),
            ["Plan2__Bridge__Port"] = "0",
            ["Plan2__Replay__Speed"] = "3000", // a bar every 20 ms: predictions need 90 bars of warm-up
        });
        await web.WaitForOutputAsync("Plan2 dashboard (Embedded mode): " + url, StartTimeout);

        using var http = new HttpClient();
        await DashboardSignIn.SignInAsync(http, url);
        var page = await http.GetStringAsync(url + "/");
        var css = await http.GetAsync(url + "/_content/MudBlazor/MudBlazor.min.css");
        var orleansDashboard = await http.GetAsync(url + "/dashboard/");

        Assert.Contains("grain state is kept in memory only", page);
        // The first page reads the cluster's figures once interactive; the system page still renders them on the server.
        Assert.Contains("Silos: 1 active", await http.GetStringAsync(url + "/system"));
        // The replay of ../shared/data feeds every instrument through the bridge: quotes appear on the first page.
        string[] symbols = ["AUDUSD", "EURUSD", "USDCAD", "USDCHF"];
        for (var attempt = 0; attempt < 120 && !symbols.All(s => page.Contains($">{s}</td>")); attempt++, await Task.Delay(250))
            page = await http.GetStringAsync(url + "/");
        Assert.Contains("replay of the history files in", page);
        foreach (var symbol in symbols)
            Assert.Contains($">{symbol}</td>", page);
        // The shipped models predict on replayed bar closes: the first page shows their calls.
        for (var attempt = 0; attempt < 120 && !page.Contains("p-up\">0."); attempt++, await Task.Delay(500))
            page = await http.GetStringAsync(url + "/");
        Assert.Matches(@"p-up"">0\.\d{4}<", page);
        Assert.True(css.IsSuccessStatusCode, "MudBlazor stylesheet: " + css.StatusCode);
        Assert.True(orleansDashboard.IsSuccessStatusCode, "Orleans dashboard: " + orleansDashboard.StatusCode);
    }

    [Fact]
    public async Task TwoSiloProcessesAndAWebClient_ShowTwoActiveSilos()
    {
        var clusterId = "proc-" + Guid.NewGuid().ToString("n")[..8];
        var db = await TestServices.CreateDatabaseAsync();
        try
        {
            Dictionary<string, string> ClusterEnv() => new()
            {
                ["Plan2__Mode"] = "Cluster",
                ["Plan2__ClusterId"] = clusterId,
                ["Plan2__ServiceId"] = clusterId,
                ["ConnectionStrings__Redis"] = TestServices.Redis,
                ["ConnectionStrings__Postgres"] = db,
            };
            Dictionary<string, string> SiloEnv() => new(ClusterEnv())
            {
                ["Plan2__SiloPort"] = FreePort.Next().ToString(),
                ["Plan2__GatewayPort"] = FreePort.Next().ToString(),
                ["Plan2__DataDir"] = TestFolders.Create("plan2-silo-"),
                ["Plan2__Bridge__Port"] = "0",
            };
            await using var silo1 = ChildProcess.Start(RepoPaths.SiloDll, SiloEnv());
            await using var silo2 = ChildProcess.Start(RepoPaths.SiloDll, SiloEnv());
            await silo1.WaitForOutputAsync("Plan2 silo up", StartTimeout);
            await silo2.WaitForOutputAsync("Plan2 silo up", StartTimeout);

            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var webEnv = new Dictionary<string, string>(ClusterEnv()) { ["ASPNETCORE_URLS"] = url };
            foreach (var (key, value) in DashboardSignIn.AdminSettings())
                webEnv[key] = value;
            await using var web = ChildProcess.Start(RepoPaths.WebDll, webEnv);
            await web.WaitForOutputAsync("Plan2 dashboard (Cluster mode): " + url, StartTimeout);

            using var http = new HttpClient();
            await DashboardSignIn.SignInAsync(http, url);
            string page = "";
            for (var attempt = 0; attempt < 50 && !page.Contains("Silos: 2 active"); attempt++, await Task.Delay(200))
                page = await http.GetStringAsync(url + "/system"); // the first page reads the cluster's figures once interactive

            Assert.Contains("Silos: 2 active", page);
            Assert.Contains("Cluster mode", await http.GetStringAsync(url + "/"));
            Assert.True((await http.GetAsync(url + "/dashboard/")).IsSuccessStatusCode);
        }
        finally
        {
            await TestServices.DropDatabaseAsync(db);
        }
    }

    [Fact]
    public async Task WebClient_WithNoSilo_ExitsWithAClearMessageAfterItsTimeout()
    {
        await using var web = ChildProcess.Start(RepoPaths.WebDll, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Plan2__Mode"] = "Cluster",
            ["Plan2__ClusterId"] = "nobody-" + Guid.NewGuid().ToString("n")[..8],
            ["Plan2__ClientConnectTimeout"] = "00:00:03",
            ["ConnectionStrings__Redis"] = TestServices.Redis,
        });

        Assert.True(await web.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the client kept waiting:\n" + web.Output);
        Assert.Equal(2, web.ExitCode);
        Assert.Contains("No Orleans silo of cluster", web.Output);
    }
}
