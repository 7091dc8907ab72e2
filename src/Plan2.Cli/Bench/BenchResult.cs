using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plan2.Cli.Bench;

/// <summary>A benchmark's figures plus when and where they were measured, printed as JSON or as lines.</summary>
internal sealed class BenchResult(string name)
{
    private readonly JsonObject _figures = new();

    public BenchResult Add(string key, JsonNode? value)
    {
        _figures[key] = value;
        return this;
    }

    public JsonObject ToJson() => new()
    {
        ["benchmark"] = name,
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["machine"] = Machine(),
        ["figures"] = _figures.DeepClone(),
    };

    public void Print(bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            return;
        }
        Console.WriteLine($"bench {name} on {Machine()["cpu"]} ({Environment.ProcessorCount} cores)");
        foreach (var (key, value) in _figures)
            Console.WriteLine($"  {key}: {value?.ToJsonString()}");
    }

    private static JsonObject Machine() => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
