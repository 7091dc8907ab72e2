using System.Text.RegularExpressions;

namespace Plan2.Core.Diagnostics;

/// <summary>
/// The methods of a .NET stack trace, read from its text, with what the compiler adds taken out:
/// async state machines ("&lt;PlaceAsync&gt;d__12.MoveNext") read as the method they implement, lambdas as
/// the method that holds them, and file names and line numbers are dropped, so that an edit elsewhere
/// in a file does not change a fingerprint.
/// </summary>
public static partial class StackFrames
{
    /// <summary>The methods in the order of the trace (innermost first), repeats next to each other kept once.</summary>
    public static IReadOnlyList<string> Methods(string? stackTrace)
    {
        var methods = new List<string>();
        if (string.IsNullOrEmpty(stackTrace))
            return methods;
        foreach (var raw in stackTrace.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
                continue; // "--- End of stack trace from previous location ---" and the like
            var method = Clean(line[3..]);
            if (method.Length > 0 && (methods.Count == 0 || methods[^1] != method))
                methods.Add(method);
        }
        return methods;
    }

    /// <summary>The first <paramref name="count"/> methods whose names start with <paramref name="ownPrefix"/> ("Plan2.").</summary>
    public static IReadOnlyList<string> Own(string? stackTrace, string ownPrefix, int count) =>
        Methods(stackTrace).Where(m => m.StartsWith(ownPrefix, StringComparison.Ordinal)).Take(count).ToList();

    private static string Clean(string frame)
    {
        var paren = frame.IndexOf('(');
        var name = paren >= 0 ? frame[..paren] : frame;
        name = StateMachine().Replace(name, ".$1"); // X.<PlaceAsync>d__12.MoveNext → X.PlaceAsync
        name = Lambda().Replace(name, ".$1");       // X.<>c__DisplayClass3_0.<Run>b__0 → X.Run
        name = Generated().Replace(name, "");       // X.<>c → X
        return name.Trim();
    }

    [GeneratedRegex(@"\.<([^>]+)>d__\d+\.MoveNext")]
    private static partial Regex StateMachine();

    [GeneratedRegex(@"\.<>c(?:__DisplayClass[\d_]+)?\.<([^>]+)>b__[\d_]+")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"\.<>c(?:__DisplayClass[\d_]+)?|`\d+|\[[^\]]*\]")]
    private static partial Regex Generated();
}
