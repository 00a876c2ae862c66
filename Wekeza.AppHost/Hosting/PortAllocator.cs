using System.Net;
using System.Net.Sockets;

namespace Wekeza.AppHost.Hosting;

/// <summary>
/// Hands out each endpoint's port: the documented default, an override from <c>AppHost:Ports:&lt;name&gt;</c>, or,
/// with dynamic ports, a free one. A port someone else holds is refused up front with a message saying which.
/// </summary>
public sealed class PortAllocator(AppHostOptions options)
{
    private readonly Dictionary<string, int> _assigned = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public int Get(string endpointName, int defaultPort)
    {
        lock (_gate)
        {
            if (_assigned.TryGetValue(endpointName, out var existing))
            {
                return existing;
            }

            int port;
            if (options.Ports.TryGetValue(endpointName, out var configured))
            {
                port = configured;
            }
            else if (options.DynamicPorts)
            {
                do
                {
                    port = FreePort();
                }
                while (_assigned.ContainsValue(port));
            }
            else
            {
                port = defaultPort;
            }

            if (!IsFree(port))
            {
                throw new AppHostException(
                    $"Port {port} for '{endpointName}' is already in use by another process. Stop it (is another stack running? " +
                    $"see `ss -ltnp 'sport = :{port}'`), or choose another port with --AppHost:Ports:{endpointName}=<port>.");
            }

            _assigned[endpointName] = port;
            return port;
        }
    }

    public IReadOnlyDictionary<string, int> Assigned
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_assigned);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
