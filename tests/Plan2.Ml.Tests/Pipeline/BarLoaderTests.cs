using Plan2.Core.MarketData;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Pipeline;

public class BarLoaderTests
{
    [Fact]
    public async Task OneEndlessLine_IsRefusedWithTheLineCap_NotReadIntoMemory()
    {
        // train and evaluate detect a file's format from its first line; a file that is one huge line
        // (a binary, /dev/zero) must end in a clear error, as the importer's own reads do.
        var file = Path.Combine(Directory.CreateTempSubdirectory("plan2-barloader-").FullName, "EURUSD.csv");
        await File.WriteAllTextAsync(file, new string('7', 200_000));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                BarLoader.LoadAsync(file, null, "EURUSD", Timeframe.M1, TimeProvider.System));
            Assert.Contains("longer than", error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
