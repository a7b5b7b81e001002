using System.Net;
using System.Net.Sockets;
using Wiber.Lab.State;

namespace Wiber.Lab;

/// <summary>Ports for a lab: free ones from the OS, or a fixed range that is checked to be free first.</summary>
internal sealed class Ports
{
    private readonly HashSet<int> _taken = [];
    private readonly int _portBase;
    private int _next;

    public Ports(int portBase)
    {
        _portBase = portBase;
        _next = portBase;
    }

    public int Next()
    {
        if (_portBase == 0)
        {
            while (true)
            {
                var port = Free();
                if (_taken.Add(port))
                {
                    return port;
                }
            }
        }

        var fixedPort = _next++;
        if (fixedPort > 65535)
        {
            throw new LabException(LabErrorKind.Usage, $"--port-base {_portBase} leaves too few ports below 65536");
        }

        if (!IsFree(fixedPort))
        {
            throw new LabException(LabErrorKind.PortInUse, $"port {fixedPort} is in use (needed from --port-base {_portBase}); pick another base, or 0 for free ports");
        }

        _taken.Add(fixedPort);
        return fixedPort;
    }

    private static int Free()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
