namespace Plan2.Hosting.Predictions;

/// <summary>Continuous learning (Plan2:Predictions:Retrain): how often, on how much recent history, with which trainer.</summary>
public sealed class RetrainOptions
{
    /// <summary>Zero turns scheduled retraining off.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Recent M1 history each retraining uses.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The plan2 command that trains (its dll or executable). Training runs in its own process so that
    /// the silo never loads ML.NET or libxgboost. Unset: a plan2 beside the app, else a development
    /// checkout's src/Plan2.Cli build.
    /// </summary>
    public string? Trainer { get; set; }

    /// <summary>Tree models only: they retrain in about a minute; the LSTM stays as shipped.</summary>
    public string[] Kinds { get; set; } = ["lightgbm", "xgboost", "random_forest"];
}
