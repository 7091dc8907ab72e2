using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// A silo process killed (SIGKILL) or hung (SIGSTOP, its sockets left open) while orders flow. The victim is the
/// silo hosting the EURUSD instrument, which every order reads its quote from, so every account feels the
/// fault. Recovery times go to artifacts/faults-*.json for the benchmark report (goals there: 2 s, 10 s), not
/// into assertions: timings on a shared machine are figures, not verdicts.
/// </summary>
public sealed class SiloFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KilledSilo_ClusterServesOrdersAgain_AndNoAcknowledgedOrderIsLostOrFilledTwice()
    {
        await using var run = await FaultRun.StartAsync("kill");
        await run.WarmUpAsync(orders: 10);
        var victim = await run.InstrumentSiloAsync();

        victim.Process.Signal(PosixSignalNumber.Kill);
        // The fault is in once kill(2) has returned, not before the call: in one run every account had an order sent 70-80 ms
        // after a mark taken before it answered by the still-living silo (binding the P/Invoke and the log line took that long
        // on a busy machine), which made kill_recovery_s 0.15 s while quotes came back after 2.9 s.
        var faultAt = run.Flow.Now;
        var faultUtc = DateTime.UtcNow;
        output.WriteLine($"fault injected at {faultAt:0.00} s into silo port {victim.SiloPort}");
        var death = run.WaitForDeathAsync(victim, faultAt, RecoveryTimeout);
        var quotes = run.WaitForQuotesAsync(faultAt, RecoveryTimeout);
        var recovery = await run.WaitForRecoveryAsync(faultAt, RecoveryTimeout);
        var declaredDead = await death;
        var quotesBack = await quotes;
        await Task.Delay(TimeSpan.FromSeconds(2)); // orders flow on the two survivors
        await run.StopTrafficAsync();

        if (run.Trace is { } trace)
            await trace.WriteAsync("kill", faultUtc, run.Cluster);
        var stored = await FaultChecks.AssertConsistentAsync(run);
        await ReportAsync("kill", run, stored, recovery, quotesBack, declaredDead, []);
    }

    /// <summary>
    /// The SDK's one plain PlaceOrderAsync per order, as an integrator writes it: the kill must cost it time, never
    /// an exception or a second order (today the SDK made one call, which failed or waited out the response timeout).
    /// </summary>
    [Fact]
    public async Task KilledSilo_SdkPlacementsAreResent_NoneFailsAndNoneIsPlacedTwice()
    {
        await using var run = await FaultRun.StartAsync("sdkkill", throughSdk: true);
        await run.WarmUpAsync(orders: 10);
        var victim = await run.InstrumentSiloAsync();

        victim.Process.Signal(PosixSignalNumber.Kill);
        var faultAt = run.Flow.Now; // once the signal is sent (see the test above)
        var death = run.WaitForDeathAsync(victim, faultAt, RecoveryTimeout);
        var quotes = run.WaitForQuotesAsync(faultAt, RecoveryTimeout);
        var recovery = await run.WaitForRecoveryAsync(faultAt, RecoveryTimeout);
        var declaredDead = await death;
        var quotesBack = await quotes;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.StopTrafficAsync();

        var stored = await FaultChecks.AssertConsistentAsync(run);
        await ReportAsync("sdk_kill", run, stored, recovery, quotesBack, declaredDead, []);
        Assert.Empty(run.Flow.Errors);
        Assert.DoesNotContain(run.Flow.Acknowledged, k => k.Duplicate);
        Assert.Equal(stored, run.Flow.Acknowledged.Count); // one order per placement: no resend placed a second
    }

    [Fact]
    public async Task HungSilo_ClientsStopUsingIt_ClusterServesOrdersAgain_AndTheSiloStopsItselfWhenResumed()
    {
        await using var run = await FaultRun.StartAsync("hang");
        await run.WarmUpAsync(orders: 10);
        var victim = await run.InstrumentSiloAsync();

        victim.Process.Signal(PosixSignalNumber.Stop);
        var faultAt = run.Flow.Now; // once the signal is sent (see the kill test)
        output.WriteLine($"fault injected at {faultAt:0.00} s into silo port {victim.SiloPort}");
        var death = run.WaitForDeathAsync(victim, faultAt, RecoveryTimeout);
        var quotes = run.WaitForQuotesAsync(faultAt, RecoveryTimeout);
        var recovery = await run.WaitForRecoveryAsync(faultAt, RecoveryTimeout);
        var declaredDead = await death;
        var quotesBack = await quotes;

        // Resumed after the cluster declared it dead, the silo must notice and stop itself (a supervisor restarts it).
        var resumedAt = run.Flow.Now;
        victim.Process.Signal(PosixSignalNumber.Continue);
        Assert.True(await victim.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the resumed silo did not stop itself:\n" + victim.Process.Output);
        var stoppedAfter = run.Flow.Now - resumedAt;
        output.WriteLine($"resumed silo exited with {victim.Process.ExitCode} after {stoppedAfter:0.00} s");
        Assert.NotEqual(0, victim.Process.ExitCode); // a failure exit, so restart: on-failure and systemd's Restart=on-failure act
        await Task.Delay(TimeSpan.FromSeconds(2));
        await run.StopTrafficAsync();

        var stored = await FaultChecks.AssertConsistentAsync(run);
        await ReportAsync("hang", run, stored, recovery, quotesBack, declaredDead, new() { ["hang_resumed_silo_stopped_s"] = Math.Round(stoppedAfter, 2) });
    }

    private async Task ReportAsync(string name, FaultRun run, int stored, (double All, double First) recovery, double quotesBack, double declaredDead, Dictionary<string, double> extra)
    {
        var acks = run.Flow.Acknowledged;
        var figures = new Dictionary<string, double>(extra)
        {
            [$"{name}_recovery_s"] = Math.Round(recovery.All, 2),
            [$"{name}_first_account_back_s"] = Math.Round(recovery.First, 2),
            [$"{name}_quotes_back_s"] = Math.Round(quotesBack, 2),
            [$"{name}_declared_dead_s"] = Math.Round(declaredDead, 2),
            [$"{name}_orders_acknowledged"] = acks.Count,
            [$"{name}_orders_unanswered_1s"] = acks.Count(k => k.AckedAt - k.SentAt > OrderResend.ResendAfter.TotalSeconds),
            [$"{name}_orders_answered_as_duplicates"] = acks.Count(k => k.Duplicate),
            [$"{name}_placements_given_up"] = run.Flow.Errors.Count,
            [$"{name}_longest_order_s"] = Math.Round(acks.Max(k => k.AckedAt - k.SentAt), 2),
            [$"{name}_orders_denied_no_quote"] = acks.Count(k => k.Order.State == OrderState.Denied && k.Order.LastReason?.StartsWith("NoQuote") == true),
        };
        foreach (var (key, value) in figures)
            output.WriteLine($"fault: {key} = {value}");
        foreach (var error in run.Flow.Errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
            output.WriteLine($"fault: {error.Count()} × {error.Key}");
        foreach (var denial in acks.Where(k => k.Order.State != OrderState.Filled).GroupBy(k => k.Order.LastReason))
            output.WriteLine($"fault: {denial.Count()} × {denial.Key} (first at {denial.Min(k => k.AckedAt):0.00} s, last at {denial.Max(k => k.AckedAt):0.00} s)");
        await FaultRun.WriteFiguresAsync(name, figures);
        // Wide limits and a live feed: every order fills, but for the moment a new instrument activation has no quote yet.
        Assert.All(acks, k => Assert.True(k.Order.State == OrderState.Filled || k.Order.LastReason?.StartsWith("NoQuote") == true,
            $"{k.Order.OrderId}: {k.Order.State} {k.Order.LastReason}"));
        Assert.True(stored >= acks.Count, $"{acks.Count} acknowledged, {stored} in the journals");
    }
}
