using System.Runtime.InteropServices;

namespace Plan2.Ml.Training.Xgboost;

/// <summary>
/// P/Invoke to libxgboost's C API (Debian's 1.7.4: <c>apt-get install libxgboost0</c>). Every function
/// returns 0 on success; <see cref="Check"/> turns anything else into an <see cref="XgboostException"/>.
/// Handles are raw pointers here; <see cref="DMatrixHandle"/> and <see cref="BoosterHandle"/> own them.
/// </summary>
internal static unsafe partial class XgboostNative
{
    private const string Library = "xgboost";

    // const char* owned by libxgboost (thread-local): returned as a pointer so no marshaller frees it.
    [LibraryImport(Library)]
    private static partial byte* XGBGetLastError();

    [LibraryImport(Library)]
    internal static partial int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetFloatInfo(nint handle, string field, float* values, ulong length);

    [LibraryImport(Library)]
    internal static partial int XGDMatrixFree(nint handle);

    [LibraryImport(Library)]
    internal static partial int XGBoosterCreate(nint* matrices, ulong count, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(nint handle, string name, string value);

    [LibraryImport(Library)]
    internal static partial int XGBoosterUpdateOneIter(nint handle, int iteration, nint trainMatrix);

    [LibraryImport(Library)]
    internal static partial int XGBoosterPredict(
        nint handle, nint matrix, int optionMask, uint treeLimit, int training, out ulong length, out float* result);

    [LibraryImport(Library)]
    internal static partial int XGBoosterSlice(nint handle, int beginLayer, int endLayer, int step, out nint sliced);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSaveModelToBuffer(nint handle, string config, out ulong length, out byte* buffer);

    [LibraryImport(Library)]
    internal static partial int XGBoosterFree(nint handle);

    /// <summary>Throws with libxgboost's own explanation when a call failed.</summary>
    internal static void Check(int returnCode, string function)
    {
        if (returnCode == 0) return;
        var detail = Marshal.PtrToStringUTF8((nint)XGBGetLastError());
        throw new XgboostException($"{function} failed ({returnCode}): {detail}");
    }
}
