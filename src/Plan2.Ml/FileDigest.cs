using System.Security.Cryptography;

namespace Plan2.Ml;

/// <summary>
/// One file's identity in the manifest: its path as given (data) or its name in the model folder
/// (models), its size and its SHA-256, so anyone can check that shipped models and the data they
/// were trained and scored on are the ones the manifest describes.
/// </summary>
public sealed record FileDigest(string Path, long Bytes, string Sha256)
{
    public static FileDigest Of(string file, string recordedPath)
    {
        using var stream = File.OpenRead(file);
        return new FileDigest(recordedPath.Replace('\\', '/'), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Every file under a path given on the command line (a file, or a folder's files in ordinal order).</summary>
    public static IReadOnlyList<FileDigest> OfPath(string path)
    {
        if (File.Exists(path))
            return [Of(path, path)];
        if (!Directory.Exists(path))
            throw new FileNotFoundException($"{path}: no such file or folder.", path);
        return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Of(f, System.IO.Path.Combine(path, System.IO.Path.GetRelativePath(path, f))))];
    }
}

/// <summary>The data a model set was trained on and the held-out data its report scores.</summary>
public sealed class DataProvenance
{
    public IReadOnlyList<FileDigest> Training { get; set; } = [];
    public IReadOnlyList<FileDigest> HeldOut { get; set; } = [];
}
