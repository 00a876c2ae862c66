namespace Wekeza.Portal.SystemStatus;

/// <summary>Reads the platform's state for the System status page; an interface so the page can be tested without HTTP.</summary>
public interface ISystemStatusSource
{
    Task<SystemStatusReport> ReadAsync(CancellationToken cancellationToken = default);
}
