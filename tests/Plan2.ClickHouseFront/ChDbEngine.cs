using System.Runtime.InteropServices;
using System.Text;

namespace Plan2.ClickHouseFront;

/// <summary>
/// The real ClickHouse engine in this process: one libchdb connection on a data directory. Calls are
/// serialised (one connection runs one statement at a time). One process per data directory: a second
/// process is refused the directory's lock.
/// </summary>
public sealed class ChDbEngine : IDisposable
{
    private readonly object _gate = new();
    private IntPtr _handle; // chdb_connection*, what chdb_close_conn takes
    private readonly IntPtr _connection;

    private ChDbEngine(IntPtr handle)
    {
        _handle = handle;
        _connection = Marshal.ReadIntPtr(handle);
    }

    public static ChDbEngine Open(string libraryPath, string dataPath)
    {
        // Captured before the library is even loaded, in case its initialisers already touch signals.
        var signals = SignalDispositions.Capture();
        ChDbNative.Load(libraryPath);
        string[] args = ["clickhouse", $"--path={dataPath}"];
        var argv = args.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        IntPtr handle;
        try
        {
            handle = ChDbNative.chdb_connect(argv.Length, argv);
        }
        finally
        {
            signals.Restore();
            foreach (var arg in argv) Marshal.FreeCoTaskMem(arg);
        }
        if (handle == IntPtr.Zero || Marshal.ReadIntPtr(handle) == IntPtr.Zero)
            throw new InvalidOperationException($"chdb_connect failed for {dataPath} (another process holding its lock?).");
        return new ChDbEngine(handle);
    }

    /// <summary>Runs one statement; {name:Type} placeholders are bound from <paramref name="parameters"/>
    /// (values as the HTTP interface takes them: TSV-escaped text). Dispose the result.</summary>
    public ChDbResult Query(string sql, string format = "TabSeparated", IReadOnlyList<KeyValuePair<string, string>>? parameters = null)
    {
        var query = Encoding.UTF8.GetBytes(sql);
        var fmt = Encoding.ASCII.GetBytes(format);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
            if (parameters is not { Count: > 0 })
                return new ChDbResult(ChDbNative.chdb_query_n(_connection, query, (nuint)query.Length, fmt, (nuint)fmt.Length));
            return QueryWithParameters(query, fmt, parameters);
        }
    }

    private ChDbResult QueryWithParameters(byte[] query, byte[] fmt, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var n = parameters.Count;
        var names = new IntPtr[n];
        var values = new IntPtr[n];
        var nameLengths = new nuint[n];
        var valueLengths = new nuint[n];
        try
        {
            for (var i = 0; i < n; i++)
            {
                (names[i], nameLengths[i]) = ToNative(parameters[i].Key);
                (values[i], valueLengths[i]) = ToNative(parameters[i].Value);
            }
            return new ChDbResult(ChDbNative.chdb_query_with_params_n(_connection, query, (nuint)query.Length, fmt, (nuint)fmt.Length,
                names, nameLengths, values, valueLengths, (nuint)n));
        }
        finally
        {
            foreach (var p in names.Concat(values)) Marshal.FreeHGlobal(p);
        }
    }

    private static (IntPtr Pointer, nuint Length) ToNative(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pointer = Marshal.AllocHGlobal(Math.Max(1, bytes.Length));
        Marshal.Copy(bytes, 0, pointer, bytes.Length);
        return (pointer, (nuint)bytes.Length);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle == IntPtr.Zero) return;
            ChDbNative.chdb_close_conn(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
