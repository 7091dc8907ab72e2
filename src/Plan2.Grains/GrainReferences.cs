using Orleans.Runtime;

namespace Plan2.Grains;

/// <summary>
/// Grain references made without resolving the interface's identity on every call. Orleans 10.4's
/// <c>GetGrain&lt;T&gt;(key)</c> finds the interface's <see cref="GrainInterfaceType"/> anew each time (its custom
/// attributes read by reflection, its type name formatted and parsed): on the order path that was a tenth of all the
/// bytes the silo allocated. An interface's identity, and that of the one grain class implementing it, is fixed for
/// the process, so it is resolved once per interface, from a reference Orleans made itself. (The API, an Orleans
/// client, keeps whole references per symbol for the same reason: Plan2.Api's InstrumentReferences.)
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        Identity<T>.Of(grains) is { } identity
            ? (T)grains.GetGrain(GrainId.Create(identity.Type, key), identity.Interface)
            : grains.GetGrain<T>(key);

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);

    private static class Identity<T> where T : IGrainWithStringKey
    {
        private static volatile Resolved? s_resolved;

        // Null when the factory makes no Orleans grain references (a test's stand-in): it is then asked every time.
        public static Resolved? Of(IGrainFactory grains)
        {
            if (s_resolved is { } known)
                return known;
            if (grains.GetGrain<T>("identity") is not GrainReference sample)
                return null;
            return s_resolved = new Resolved(sample.GrainId.Type, sample.InterfaceType);
        }
    }
}
