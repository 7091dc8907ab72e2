using Plan2.ClickHouseFront;

// Serves the real ClickHouse engine over HTTP on a free loopback port for benchmarks; stops on Ctrl+C or stdin EOF.
var dataPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "plan2-chdb-" + Guid.NewGuid().ToString("n")[..8]);
var spool = Path.Combine(dataPath, "spool");
Directory.CreateDirectory(spool);
using var engine = ChDbEngine.Open(ChDbLibrary.Require(), Path.Combine(dataPath, "data"));
await using var front = await ClickHouseHttpFront.StartAsync(engine, spool);
Console.WriteLine($"ClickHouse front: Host={front.BaseAddress.Host};Port={front.BaseAddress.Port};Username=default;Password=;Database=plan2");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
_ = Task.Run(() => { while (Console.In.ReadLine() is not null) { } stop.TrySetResult(); });
await stop.Task;
