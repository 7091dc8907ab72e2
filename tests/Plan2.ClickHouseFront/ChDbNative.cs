using System.Reflection;
using System.Runtime.InteropServices;

namespace Plan2.ClickHouseFront;

/// <summary>
/// The libchdb C API (chdb.h), bound to a library file chosen at run time: the library lives in a cache
/// outside the repo, so "chdb" is resolved to that path instead of the loader's search path.
/// </summary>
internal static class ChDbNative
{
    private const string Lib = "chdb";
    private static readonly object LoadGate = new();
    private static string? _path;

    /// <summary>Loads the library once; later calls must name the same file.</summary>
    public static void Load(string path)
    {
        lock (LoadGate)
        {
            if (_path is not null)
            {
                if (_path != path) throw new InvalidOperationException($"libchdb already loaded from {_path}.");
                return;
            }
            var handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(),
                (name, _, _) => name == Lib ? handle : IntPtr.Zero);
            _path = path;
        }
    }

    [DllImport(Lib)] public static extern IntPtr chdb_connect(int argc, IntPtr[] argv);
    [DllImport(Lib)] public static extern void chdb_close_conn(IntPtr connectionHandle);

    [DllImport(Lib)]
    public static extern IntPtr chdb_query_n(IntPtr conn, byte[] query, nuint queryLength, byte[] format, nuint formatLength);

    [DllImport(Lib)]
    public static extern IntPtr chdb_query_with_params_n(IntPtr conn, byte[] query, nuint queryLength, byte[] format, nuint formatLength,
        IntPtr[] names, nuint[] nameLengths, IntPtr[] values, nuint[] valueLengths, nuint count);

    [DllImport(Lib)] public static extern IntPtr chdb_result_buffer(IntPtr result);
    [DllImport(Lib)] public static extern nuint chdb_result_length(IntPtr result);
    [DllImport(Lib)] public static extern double chdb_result_elapsed(IntPtr result);
    [DllImport(Lib)] public static extern ulong chdb_result_rows_read(IntPtr result);
    [DllImport(Lib)] public static extern ulong chdb_result_bytes_read(IntPtr result);
    [DllImport(Lib)] public static extern ulong chdb_result_rows_written(IntPtr result);
    [DllImport(Lib)] public static extern ulong chdb_result_bytes_written(IntPtr result);
    [DllImport(Lib)] public static extern IntPtr chdb_result_error(IntPtr result);
    [DllImport(Lib)] public static extern void chdb_destroy_query_result(IntPtr result);
}
