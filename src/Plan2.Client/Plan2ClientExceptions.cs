namespace Plan2.Client;

/// <summary>The cluster refused the API key: malformed, unknown or revoked.</summary>
public sealed class ApiKeyRejectedException(string message) : UnauthorizedAccessException(message);

/// <summary>No gateway answered within <see cref="Plan2ClientOptions.ConnectTimeout"/>.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner) : Exception(message, inner);
