using System.Reflection;

namespace Plan2.Core.Diagnostics;

/// <summary>
/// One exception as text: its type's full name, its message and its stack trace. Text, not the
/// exception object, so that fingerprints can be taken and tested without throwing anything, and so
/// that an exception rebuilt on another silo fingerprints as the original did.
/// </summary>
public sealed record ErrorSample(string ExceptionType, string Message, string? StackTrace)
{
    /// <summary>
    /// The exception that says what went wrong: wrappers that only carry one inner exception
    /// (AggregateException of one, TargetInvocationException) are looked through.
    /// </summary>
    public static ErrorSample From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = exception;
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a)
                e = a.InnerExceptions[0];
            else if (e is TargetInvocationException { InnerException: { } inner })
                e = inner;
            else
                break;
        }
        return new ErrorSample(e.GetType().FullName ?? e.GetType().Name, e.Message, e.StackTrace);
    }
}
