namespace Wiber.Broker.Protocol;

/// <summary>How delivered messages (MSG and HISTORY lines) carry their payload; chosen by the reader of the messages.</summary>
public enum DeliveryFormat
{
    /// <summary>A text line when the payload is line-safe (see <see cref="PayloadText.IsLineSafe"/>), the binary form otherwise.</summary>
    Auto,

    /// <summary>Always the length-prefixed binary form (<c>MSGB</c>, <c>HISTORYB</c>).</summary>
    Binary,
}
