namespace Plan2.Ml.Serving;

/// <summary>A prediction waiting for its outcome: what each member and the ensemble said, and the shadow pair if any.</summary>
internal sealed record PendingPrediction(long Bar, long CloseUnits, double[] Members, double Ensemble, string Regime, float LastMove,
    double ChampionStacked, double Shadow, ShadowTrial? Trial);
