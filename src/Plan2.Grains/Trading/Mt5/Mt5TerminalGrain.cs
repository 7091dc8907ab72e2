using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Mt5;

/// <summary>
/// One MT5 terminal: routes its reports to the one account linked to it and refuses them when there is
/// none or when the terminal's login is not the account's; remembers where the terminal is connected
/// (kept active while it is) and the deal cursor; runs reconciliation through the account and keeps its reports.
/// </summary>
public sealed class Mt5TerminalGrain(
    [PersistentState("mt5-terminal", StorageNames.GrainState)] IPersistentState<Mt5TerminalState> state,
    ILogger<Mt5TerminalGrain> logger, TimeProvider clock) : Grain, IMt5TerminalGrain
{
    /// <summary>Deals are asked for from this long before the newest applied: one delivered out of order is still seen.</summary>
    public static readonly TimeSpan CursorOverlap = TimeSpan.FromMinutes(1);
    private const int KeptReports = 20;

    private IMt5TerminalRoute? _route;
    private int _refusedReports;

    private string TerminalId => this.GetPrimaryKeyString();
    private Mt5TerminalState S => state.State;

    async Task IMt5TerminalGrain.LinkAsync(string account, ulong login)
    {
        if (S.Account is { } linked && linked != account)
            throw new InvalidOperationException($"Terminal '{TerminalId}' already trades account '{linked}'; one terminal serves one account.");
        if (S.Account == account && S.Login == login)
            return;
        S.Account = account;
        S.Login = login;
        S.LinkedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        logger.LogInformation("MT5 terminal {Terminal} linked to account {Account}, login {Login}", TerminalId, account, login);
    }

    Task<Mt5TerminalStatus> IMt5TerminalGrain.GetStatusAsync() =>
        Task.FromResult(new Mt5TerminalStatus(TerminalId, S.Account, S.Login, S.ReportedLogin, _route, Cursor, _refusedReports, Problem()));

    Task<DateTimeOffset> IMt5TerminalGrain.ConnectedAsync(IMt5TerminalRoute route)
    {
        _route = route;
        DelayDeactivation(TimeSpan.FromDays(1)); // the route lives only here
        return Task.FromResult(Cursor);
    }

    Task IMt5TerminalGrain.DisconnectedAsync(IMt5TerminalRoute route, string reason)
    {
        if (Equals(_route, route))
            _route = null;
        return Task.CompletedTask;
    }

    async Task<OrderOutcome> IMt5TerminalGrain.OnReportAsync(VenueReport report)
    {
        if (Problem() is { } problem)
        {
            _refusedReports++;
            logger.LogWarning("MT5 terminal {Terminal}: {Kind} for order '{ClientOrderId}' refused: {Problem}", TerminalId, report.Kind, report.ClientOrderId, problem);
            return new OrderOutcome(null, S.Account is null ? "UnlinkedTerminal" : "WrongLogin", problem);
        }
        var outcome = await Account.ApplyVenueReportAsync(report);
        if (report.Kind == VenueReportKind.Fill && !outcome.IsRefused && !outcome.Duplicate)
            await AdvanceCursorAsync(report.At);
        else if (outcome.IsRefused && report.Kind == VenueReportKind.Fill)
            logger.LogWarning("MT5 terminal {Terminal}: deal {Deal} not applied: {Code}: {Message}", TerminalId, report.TradeId, outcome.RefusalCode, outcome.Message);
        return outcome;
    }

    async Task<ReconciliationReport> IMt5TerminalGrain.OnSnapshotAsync(TerminalSnapshotView snapshot)
    {
        S.ReportedLogin = snapshot.Login;
        ReconciliationReport report;
        if (Problem() is { } problem)
        {
            report = new ReconciliationReport(TerminalId, S.Account, clock.GetUtcNow(), snapshot.Since, snapshot.Deals.Count, [], 0, [], problem + " Nothing was reconciled.");
            logger.LogError("MT5 terminal {Terminal}: reconciliation refused: {Problem}", TerminalId, problem);
        }
        else
        {
            report = await Account.ReconcileAsync(snapshot);
            if (snapshot.Deals.Count > 0)
                S.LastDealAt = Max(S.LastDealAt, snapshot.Deals.Max(d => d.At));
            logger.LogInformation("MT5 terminal {Terminal} reconciled with {Account}: {Deals} deals reported, {Applied} missed fills applied, {Duplicates} already had, {Differences} differences",
                TerminalId, S.Account, report.DealsReported, report.FillsApplied.Count, report.DuplicateFills, report.Differences.Count);
        }
        S.Reconciliations.Add(report);
        if (S.Reconciliations.Count > KeptReports)
            S.Reconciliations.RemoveRange(0, S.Reconciliations.Count - KeptReports);
        await state.WriteStateAsync();
        return report;
    }

    Task<IReadOnlyList<ReconciliationReport>> IMt5TerminalGrain.GetReconciliationsAsync() =>
        Task.FromResult<IReadOnlyList<ReconciliationReport>>(S.Reconciliations.ToList());

    private IAccountGrain Account => GrainFactory.GetGrain<IAccountGrain>(S.Account!);

    private DateTimeOffset Cursor => S.LastDealAt is { } last ? last - CursorOverlap : S.LinkedAt;

    private string? Problem()
    {
        if (S.Account is null)
            return $"No account is linked to MT5 terminal '{TerminalId}'.";
        if (S.ReportedLogin is { } reported && reported != S.Login)
            return $"MT5 terminal '{TerminalId}' reports login {reported}, but account '{S.Account}' is linked to login {S.Login}: it is the wrong terminal for this account.";
        return null;
    }

    private async Task AdvanceCursorAsync(DateTimeOffset dealAt)
    {
        if (S.LastDealAt is { } last && last >= dealAt)
            return;
        S.LastDealAt = dealAt;
        await state.WriteStateAsync();
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
