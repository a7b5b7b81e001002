using System.Text.Unicode;

namespace Wiber.Broker.Protocol;

/// <summary>
/// What counts as text on the wire. Command lines must be text, and a payload is delivered as a text
/// line only when it is text, so whatever a client sends with PUB comes back on a MSG line unchanged.
/// </summary>
public static class PayloadText
{
    /// <summary>
    /// Valid UTF-8 with no control characters except TAB: no CR/LF that would end the line early, no NUL,
    /// no escape sequences that would drive a terminal watching <c>nc</c>.
    /// </summary>
    public static bool IsText(ReadOnlySpan<byte> bytes) =>
        !ContainsControl(bytes) && Utf8.IsValid(bytes);

    /// <summary>Text and not empty (an empty text payload could not be told from a missing one).</summary>
    public static bool IsLineSafe(ReadOnlySpan<byte> payload) => !payload.IsEmpty && IsText(payload);

    internal static bool ContainsControl(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                return true;
            }
        }

        return false;
    }
}
