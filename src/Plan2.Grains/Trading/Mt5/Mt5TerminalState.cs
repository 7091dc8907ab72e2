using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Mt5;

/// <summary>
/// What a terminal grain keeps durably: its account link, the login the terminal last reported, the time
/// of the newest deal applied through it (reconciliation asks for deals from a little before it) and the
/// latest reconciliation reports. Where the terminal is connected is not kept: a silo's observer dies with it.
/// </summary>
[GenerateSerializer, Alias("plan2.mt5-terminal-state.v1")]
public sealed class Mt5TerminalState
{
    [Id(0), JsonPropertyName("account")] public string? Account { get; set; }
    [Id(1), JsonPropertyName("login")] public ulong? Login { get; set; }
    [Id(2), JsonPropertyName("linkedAt")] public DateTimeOffset LinkedAt { get; set; }
    [Id(3), JsonPropertyName("lastDealAt")] public DateTimeOffset? LastDealAt { get; set; }
    [Id(4), JsonPropertyName("reportedLogin")] public ulong? ReportedLogin { get; set; }
    [Id(5), JsonPropertyName("reconciliations")] public List<ReconciliationReport> Reconciliations { get; set; } = [];
}
