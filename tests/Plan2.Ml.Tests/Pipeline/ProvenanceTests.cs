using Plan2.Ml.Tests.Serving;
namespace Plan2.Ml.Tests.Pipeline;

/// <summary>The shipped models are exactly the files, trained on exactly the data, that their manifest names.</summary>
public class ProvenanceTests
{
    [Fact]
    public void ShippedModelFiles_MatchTheManifestsSizesAndHashes()
    {
        var manifest = ModelManifest.Load(Repo.Models);
        Assert.NotEmpty(manifest.Models);
        foreach (var entry in manifest.Models)
        {
            Assert.False(string.IsNullOrEmpty(entry.Sha256), $"{entry.Name}: the manifest records no sha256");
            var actual = FileDigest.Of(Path.Combine(Repo.Models, entry.File), entry.File);
            Assert.Equal(entry.Bytes, actual.Bytes);
            Assert.Equal(entry.Sha256, actual.Sha256);
        }
        // No model file ships that the manifest does not describe.
        var onnx = Directory.EnumerateFiles(Repo.Models, "*.onnx").Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(manifest.Models.Select(m => m.File).Order().ToList(), onnx);
    }

    [Fact]
    public void ShippedManifest_NamesAndHashesItsTrainingAndHeldOutData()
    {
        var manifest = ModelManifest.Load(Repo.Models);
        Assert.NotEmpty(manifest.Data.Training);
        Assert.NotEmpty(manifest.Data.HeldOut);
        // The training months and the held-out files are disjoint: held out means never trained on.
        Assert.Empty(manifest.Data.Training.Select(d => d.Sha256).Intersect(manifest.Data.HeldOut.Select(d => d.Sha256)));
        foreach (var recorded in manifest.Data.Training.Concat(manifest.Data.HeldOut))
        {
            // Paths are as the README's command gives them (../shared/data/…); the shared data may sit higher up.
            var file = SharedData.Resolve(recorded.Path);
            Assert.True(File.Exists(file), $"{recorded.Path}: not found at {file}");
            var actual = FileDigest.Of(file, recorded.Path);
            Assert.Equal(recorded, actual);
        }
    }

    [Fact]
    public void FileDigest_IsTheSha256OfTheBytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            var digest = FileDigest.Of(path, "x/abc.csv");
            Assert.Equal(3, digest.Bytes);
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.Sha256); // FIPS 180-2 example
        }
        finally { File.Delete(path); }
    }
}
