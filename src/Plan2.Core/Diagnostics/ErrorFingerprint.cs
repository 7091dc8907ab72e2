using System.Security.Cryptography;
using System.Text;

namespace Plan2.Core.Diagnostics;

/// <summary>
/// What makes two errors the same bug: the exception type, its message with the values taken out,
/// and the top frames of our own code. <see cref="Id"/> is a short stable hash of the three.
/// </summary>
public sealed record ErrorFingerprint(string Id, string ExceptionType, string Message, IReadOnlyList<string> Frames)
{
    /// <summary>Frames of our own code that count: deeper frames are the same callers of many bugs.</summary>
    public const int TopFrames = 3;

    /// <summary>Our code: frames of other namespaces (the runtime, Orleans, ASP.NET) vary with scheduling, not with the bug.</summary>
    public const string OwnPrefix = "Plan2.";

    public static ErrorFingerprint Of(ErrorSample sample, string ownPrefix = OwnPrefix, int topFrames = TopFrames)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var message = MessageNormaliser.Normalise(sample.Message);
        var frames = StackFrames.Own(sample.StackTrace, ownPrefix, topFrames);
        var text = sample.ExceptionType + "\n" + message + "\n" + string.Join("\n", frames);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new ErrorFingerprint(Convert.ToHexStringLower(hash, 0, 8), sample.ExceptionType, message, frames);
    }

    /// <summary>The type's own name, for one-line displays ("InvalidOperationException").</summary>
    public string ShortType => ExceptionType[(ExceptionType.LastIndexOf('.') + 1)..];
}
