using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Plan2.Tests.Shared;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>One of our programs started for real (dotnet app.dll), its output kept; killed on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private ChildProcess(Process process) => _process = process;

    public string Output { get { lock (_gate) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int Id => _process.Id;

    /// <summary>Sends a POSIX signal (`dotnet app.dll` runs the app in this very process): SIGKILL, SIGSTOP, SIGCONT.</summary>
    public void Signal(PosixSignalNumber signal)
    {
        if (Kill(_process.Id, (int)signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static ChildProcess Start(string dll, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.WithoutInherited(); // only what the test gives
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Process exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No '{text}' within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }
}

/// <summary>Linux signal numbers a fault test sends.</summary>
public enum PosixSignalNumber
{
    Kill = 9,
    Continue = 18,
    Stop = 19,
}
