using System.Security.Cryptography;
using System.Text;

namespace Plan2.Core.Features;

/// <summary>
/// The feature vector's contract: version and ordered names. Every model records <see cref="Hash"/>;
/// serving and evaluation refuse a model whose hash differs, because the same column index would
/// then mean something else. Change a feature's definition ⇒ bump <see cref="Version"/>.
/// </summary>
public static class FeatureSchema
{
    public const int Version = 1;

    /// <summary>The features in column order; <see cref="FeatureBuilder"/> documents each definition.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "ret_1", "ret_5", "ret_15", "ret_60",
        "rsi14", "macd_atr", "macd_hist_atr",
        "dist_sma20_atr", "dist_ema20_atr",
        "bb_pct_b", "bb_width",
        "atr14_rel", "realized_vol_20",
        "stoch_k", "williams_r", "cci20", "adx14", "di_spread",
        "range_atr", "body_atr",
        "tod_sin", "tod_cos", "dow_sin", "dow_cos",
    ];

    public static int Count => Names.Count;

    /// <summary>First 16 hex digits of SHA-256 over "v{Version}:" and the names joined by commas.</summary>
    public static string Hash { get; } = Convert.ToHexString(
        SHA256.HashData(Encoding.UTF8.GetBytes($"v{Version}:" + string.Join(',', Names))))[..16].ToLowerInvariant();
}
