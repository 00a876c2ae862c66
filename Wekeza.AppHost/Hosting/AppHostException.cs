namespace Wekeza.AppHost.Hosting;

/// <summary>A problem with the machine or the configuration that the person running the AppHost can fix; its message says how.</summary>
public sealed class AppHostException(string message) : Exception(message);
