using System.Globalization;
using System.Net;
using Wiber.Lab.State;

namespace Wiber.Lab.Dashboard;

/// <summary>What <c>wiber lab dashboard</c> serves: which lab directory, on which address.</summary>
public sealed record DashboardOptions
{
    public required LabDirectory Directory { get; init; }

    /// <summary>The address to bind: <c>127.0.0.1</c> (default: only this machine), <c>localhost</c>, or another IP such as <c>0.0.0.0</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (default 8080; 0 = any free port, as tests use).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The address to bind, or the refusal in the CLI's words.</summary>
    public IPAddress BindAddress() =>
        Host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address
        : throw new LabException(LabErrorKind.Usage, $"--host: '{Host}' is not an IP address such as 127.0.0.1");

    public void Validate()
    {
        BindAddress();
        if (Port is < 0 or > 65535)
        {
            throw new LabException(LabErrorKind.Usage, string.Create(CultureInfo.InvariantCulture, $"--port must be 0..65535, was {Port}"));
        }
    }
}
