using System.Diagnostics.Metrics;
using Plan2.Core.MarketData;

namespace Plan2.Grains.Operations;

/// <summary>
/// The platform's own instruments, on the meter "Plan2" (exported over OTLP beside Orleans' own
/// "Microsoft.Orleans" when OTEL_EXPORTER_OTLP_ENDPOINT is set). Static: one meter per process,
/// whatever grains come and go; recording costs a few nanoseconds and nothing when nobody listens.
/// </summary>
public static class Plan2Metrics
{
    public const string MeterName = "Plan2";
    private static readonly Meter Meter = new(MeterName);

    /// <summary>Ticks instruments accepted.</summary>
    public static readonly Counter<long> TicksIn = Meter.CreateCounter<long>("plan2.ticks.in", "{tick}", "Ticks accepted by instruments");

    /// <summary>Ticks refused by validation, by <c>reason</c> (snake_case, as in import reports).</summary>
    public static readonly Counter<long> TicksRejected = Meter.CreateCounter<long>("plan2.ticks.rejected", "{tick}", "Ticks refused by validation, by reason");

    /// <summary>Time from a bar close reaching a predictor to its prediction (features and the whole ensemble).</summary>
    public static readonly Histogram<double> PredictionLatency = Meter.CreateHistogram<double>("plan2.prediction.duration", "ms", "Features and ensemble inference per closed bar");

    /// <summary>Orders reaching a state (<c>state</c>: Filled, Denied, Canceled...), counted when it is journaled.</summary>
    public static readonly Counter<long> Orders = Meter.CreateCounter<long>("plan2.orders", "{order}", "Orders reaching each state, once journaled");

    /// <summary>Orders refused before they reach a venue, by <c>reason</c> (the risk engine's or validation's code).</summary>
    public static readonly Counter<long> RiskRefusals = Meter.CreateCounter<long>("plan2.risk.refusals", "{order}", "Orders refused by pre-trade checks, by reason");

    /// <summary>Adds the rejections a validator counted since <paramref name="seen"/>, and updates it.</summary>
    public static void RecordRejections(TickValidator validator, long[] seen)
    {
        for (var i = 1; i < seen.Length; i++)
        {
            var reason = (TickRejectReason)i;
            var now = validator.Rejected(reason);
            if (now != seen[i])
            {
                TicksRejected.Add(now - seen[i], new KeyValuePair<string, object?>("reason", reason.ToSnakeCase()));
                seen[i] = now;
            }
        }
    }
}
