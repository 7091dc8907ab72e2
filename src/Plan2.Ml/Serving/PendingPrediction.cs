namespace Plan2.Ml.Serving;

/// <summary>A prediction waiting for its outcome: what each member and the ensemble said, and the shadow pair if any.
/// A struct, and its member array is handed back for reuse once resolved: one a bar, all the way through a backtest.</summary>
internal readonly record struct PendingPrediction(long Bar, long CloseUnits, double[] Members, double Ensemble, int Regime, float LastMove,
    double ChampionStacked, double Shadow, ShadowTrial? Trial);
