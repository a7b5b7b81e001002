using System.Buffers;

namespace Wiber.Broker.Protocol;

public static partial class ReplyWriter
{
    /// <summary><c>ERR &lt;CODE&gt; &lt;text&gt;</c>; the text is for people and made single-line.</summary>
    public static void WriteError(IBufferWriter<byte> output, ErrorCode code, string text)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("ERR "u8);
        output.WriteText(ErrorCodes.ToWire(code));
        if (!string.IsNullOrEmpty(text))
        {
            output.Write(" "u8);
            output.WriteSingleLine(text);
        }

        output.WriteLineEnd();
    }

    /// <summary>The reply for an error the <see cref="ProtocolReader"/> returned.</summary>
    public static void WriteError(IBufferWriter<byte> output, ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        WriteError(output, error.Code, error.Message);
    }

    /// <summary>
    /// <c>ERR NOT_LEADER &lt;host:port&gt; leader is &lt;host:port&gt;</c>: the first word after the code is the
    /// leader's client address, so a client can reconnect without parsing prose.
    /// </summary>
    public static void WriteNotLeader(IBufferWriter<byte> output, string leaderAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaderAddress);
        if (leaderAddress.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("a leader address has no spaces", nameof(leaderAddress));
        }

        WriteError(output, ErrorCode.NotLeader, $"{leaderAddress} leader is {leaderAddress}");
    }
}
