using System.Runtime.InteropServices;

namespace Plan2.ClickHouseFront;

/// <summary>
/// chdb_connect installs its own handlers for SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP, SIGTSTP,
/// SIGSYS and SIGRTMIN. The .NET runtime needs its own (a managed NullReferenceException is a SIGSEGV it
/// turns into an exception): with chdb's in place the process hangs or dies. chdb's "disable handlers"
/// switch does not prevent it, so we snapshot every disposition before connecting and put them all back.
/// </summary>
internal sealed class SignalDispositions
{
    private const int Signals = 64;
    // struct sigaction is 152 bytes on x86-64 glibc; a larger slot costs nothing and survives other layouts.
    private const int SlotSize = 256;

    private readonly byte[] _saved = new byte[(Signals + 1) * SlotSize];
    private readonly bool[] _valid = new bool[Signals + 1];

    [DllImport("libc", SetLastError = true)]
    private static extern int sigaction(int signum, byte[]? act, byte[]? oldact);

    public static SignalDispositions Capture()
    {
        var snapshot = new SignalDispositions();
        var slot = new byte[SlotSize];
        for (var sig = 1; sig <= Signals; sig++)
        {
            // Signals glibc reserves (32, 33) refuse the call: nothing to save, nothing to restore.
            if (sigaction(sig, null, slot) != 0) continue;
            slot.CopyTo(snapshot._saved, sig * SlotSize);
            snapshot._valid[sig] = true;
        }
        return snapshot;
    }

    public void Restore()
    {
        var slot = new byte[SlotSize];
        for (var sig = 1; sig <= Signals; sig++)
        {
            if (!_valid[sig]) continue;
            Array.Copy(_saved, sig * SlotSize, slot, 0, SlotSize);
            sigaction(sig, slot, null); // SIGKILL and SIGSTOP cannot be set; they were never changed either
        }
    }
}
