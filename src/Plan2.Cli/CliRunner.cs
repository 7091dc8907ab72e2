using Plan2.Cli.Commands;
using Plan2.MarketData.Import;

namespace Plan2.Cli;

/// <summary>Turns user errors into one clear line on stderr and a non-zero exit code; nothing crashes.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException e)
        {
            return Fail(e.Message);
        }
        catch (Plan2.Backtesting.BacktestException e)
        {
            return Fail(e.Message);
        }
        catch (InvalidDataException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine("plan2: " + Printable.Escape(message));
        return 1;
    }

    /// <summary>A file to read must be one: a folder is named as such, not reported missing.</summary>
    public static void RequireFile(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
            throw new CliException($"{file.FullName} is a folder, not a file.");
        if (!file.Exists)
            throw new CliException($"{file.FullName}: no such file.");
    }

    public static Stream OpenRead(FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.FullName}: cannot be read ({e.Message}).");
        }
    }
}
