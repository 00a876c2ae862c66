using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>The address a per-address limit counts by.</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its /64, because one subscriber is routinely given a whole /64 and
    /// could otherwise start afresh from each of its 2^64 addresses. The peer address of the connection: behind a proxy
    /// that is the proxy's, unless the deployment configures forwarded headers.
    /// </summary>
    public static string PartitionOf(HttpContext context) => PartitionOf(context.Connection.RemoteIpAddress);

    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
