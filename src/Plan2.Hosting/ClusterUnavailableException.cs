namespace Plan2.Hosting;

/// <summary>No silo answered a client within its connect timeout.</summary>
public sealed class ClusterUnavailableException(string message, Exception inner) : Exception(message, inner);
