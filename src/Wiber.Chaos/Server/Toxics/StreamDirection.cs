namespace Wiber.Chaos.Server.Toxics;

/// <summary>Which bytes a toxic acts on: upstream = client to server, downstream = server to client.</summary>
internal enum StreamDirection
{
    Upstream,
    Downstream,
}

internal static class StreamDirections
{
    /// <summary>Toxiproxy matches the stream name case-insensitively but echoes the string as sent.</summary>
    public static bool TryParse(string stream, out StreamDirection direction)
    {
        if (string.Equals(stream, "upstream", StringComparison.OrdinalIgnoreCase))
        {
            direction = StreamDirection.Upstream;
            return true;
        }
        if (string.Equals(stream, "downstream", StringComparison.OrdinalIgnoreCase))
        {
            direction = StreamDirection.Downstream;
            return true;
        }
        direction = default;
        return false;
    }
}
