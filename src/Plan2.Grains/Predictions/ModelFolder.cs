using System.Text;
using Plan2.Abstractions.Predictions;
using Plan2.Ml;

namespace Plan2.Grains.Predictions;

/// <summary>A model set's files as they travel between silos: read from a folder, written to one, its manifest checked.</summary>
public static class ModelFolder
{
    /// <summary>Reads the manifest and every file it names; the version is the folder's name.</summary>
    public static ModelFiles Read(string folder)
    {
        var manifest = ModelManifest.Load(folder);
        var names = manifest.Models.Select(m => m.File).Append(ModelManifest.FileName).Distinct();
        return new ModelFiles(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(folder, n))));
    }

    /// <summary>Writes the files into <paramref name="folder"/>/version (atomically: a half-written set is never loaded); returns that folder.</summary>
    public static string Write(ModelFiles models, string folder)
    {
        if (models.Version.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || models.Version is "." or "..")
            throw new ArgumentException($"'{models.Version}' is not a model set version.", nameof(models));
        var target = Path.Combine(folder, models.Version);
        if (File.Exists(Path.Combine(target, ModelManifest.FileName)))
            return target; // cached by an earlier fetch
        var temp = Path.Combine(folder, $".{models.Version}.{Guid.NewGuid():n}");
        Directory.CreateDirectory(temp);
        foreach (var (name, bytes) in models.Files)
        {
            if (Path.GetFileName(name) != name)
                throw new ArgumentException($"'{name}' is not a file name.", nameof(models));
            File.WriteAllBytes(Path.Combine(temp, name), bytes);
        }
        Directory.Move(temp, target);
        return target;
    }

    /// <summary>The manifest among the files; throws when there is none or it names a file that is missing.</summary>
    public static ModelManifest Manifest(ModelFiles models)
    {
        if (!models.Files.TryGetValue(ModelManifest.FileName, out var json))
            throw new ArgumentException($"Model set {models.Version} has no {ModelManifest.FileName}.", nameof(models));
        var folder = Directory.CreateTempSubdirectory("plan2-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ModelManifest.FileName), Encoding.UTF8.GetString(json));
            var manifest = ModelManifest.Load(folder);
            if (manifest.Models.FirstOrDefault(m => !models.Files.ContainsKey(m.File)) is { } missing)
                throw new ArgumentException($"Model set {models.Version} lacks {missing.File}.", nameof(models));
            return manifest;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
