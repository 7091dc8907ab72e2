using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Endpoints;

/// <summary>Market data every signed-in caller may read: last quote, recent candles, recent predictions.</summary>
public static class MarketEndpoints
{
    public static readonly string[] Timeframes = ["M1", "M5", "M15", "H1", "D1"];

    public static void MapMarketEndpoints(this RouteGroupBuilder api)
    {
        var market = api.MapGroup("").WithTags("Market data").RequireAuthorization(ApiPolicies.Viewer);
        market.MapGet("/quotes/{symbol}", GetQuote).WithName("GetQuote").WithSummary("The last quote of a symbol.");
        market.MapGet("/candles/{symbol}", GetCandles).WithName("GetCandles")
            .WithSummary("The most recent closed candles with indicators, oldest first (timeframe M1, M5, M15, H1 or D1; count 1-1000).");
        market.MapGet("/predictions/{symbol}", GetPredictions).WithName("GetPredictions")
            .WithSummary("The newest predictions of the model ensemble, newest first.");
    }

    public static async Task<Results<Ok<QuoteView>, ProblemHttpResult, ValidationProblem>> GetQuote(string symbol, InstrumentReferences instruments)
    {
        if (CheckSymbol(symbol) is { } bad)
            return bad;
        var quote = await instruments.Get(symbol).GetQuoteAsync();
        return quote is null ? NoData($"There is no quote for {symbol.ToUpperInvariant()} yet.") : TypedResults.Ok(quote.Quote);
    }

    public static async Task<Results<Ok<IReadOnlyList<BarView>>, ProblemHttpResult, ValidationProblem>> GetCandles(
        string symbol, string? timeframe, int? count, IGrainFactory grains)
    {
        var tf = (timeframe ?? "M1").ToUpperInvariant();
        var n = count ?? 100;
        var check = new Validation()
            .Require(IsSymbol(symbol), "symbol", "A symbol is 3-20 letters, digits, '.' or '_' (e.g. EURUSD).")
            .Require(Timeframes.Contains(tf), "timeframe", "Timeframe must be M1, M5, M15, H1 or D1.")
            .Require(n is >= 1 and <= 1000, "count", "Count must be between 1 and 1000.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var snapshot = await grains.GetGrain<IInstrumentGrain>(symbol.ToUpperInvariant()).GetSnapshotAsync(n);
        return snapshot.RecentBars.TryGetValue(tf, out var bars) && bars.Count > 0
            ? TypedResults.Ok(bars)
            : NoData($"There are no closed {tf} candles for {symbol.ToUpperInvariant()} yet.");
    }

    public static async Task<Results<Ok<IReadOnlyList<PredictionView>>, ProblemHttpResult, ValidationProblem>> GetPredictions(
        string symbol, string? timeframe, int? count, IGrainFactory grains)
    {
        var tf = (timeframe ?? "M1").ToUpperInvariant();
        var n = count ?? 1;
        var check = new Validation()
            .Require(IsSymbol(symbol), "symbol", "A symbol is 3-20 letters, digits, '.' or '_' (e.g. EURUSD).")
            .Require(Timeframes.Contains(tf), "timeframe", "Timeframe must be M1, M5, M15, H1 or D1.")
            .Require(n is >= 1 and <= 500, "count", "Count must be between 1 and 500.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var upper = symbol.ToUpperInvariant();
        // Only instruments that trade have predictors: asking about any other text must not start one.
        if (await grains.GetGrain<IInstrumentGrain>(upper).GetQuoteAsync() is null)
            return NoData($"{upper} has no market data, so no predictions.");
        var predictions = await grains.GetGrain<IPredictorGrain>($"{upper}/{tf}").GetRecentAsync(n);
        return predictions.Count > 0 ? TypedResults.Ok(predictions) : NoData($"No {tf} prediction for {upper} yet.");
    }

    internal static bool IsSymbol(string? symbol)
    {
        if (symbol is not { Length: >= 3 and <= 20 })
            return false;
        foreach (var c in symbol) // a loop, not LINQ: every quote read checks this
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_'))
                return false;
        return true;
    }

    private static ValidationProblem? CheckSymbol(string symbol) => IsSymbol(symbol)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = ["A symbol is 3-20 letters, digits, '.' or '_' (e.g. EURUSD)."] });

    private static ProblemHttpResult NoData(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
