namespace Wiber.Broker;

/// <summary>What a node reports about itself in status and metrics.</summary>
public static class BrokerInfo
{
    public static string Version { get; } =
        typeof(BrokerInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
