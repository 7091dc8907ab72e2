namespace Plan2.Ml.Training.Xgboost;

/// <summary>libxgboost reported an error; the message carries its <c>XGBGetLastError</c> text.</summary>
public sealed class XgboostException(string message) : Exception(message);
