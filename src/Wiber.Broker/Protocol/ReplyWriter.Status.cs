using System.Buffers;
using System.Text.Json;

namespace Wiber.Broker.Protocol;

public static partial class ReplyWriter
{
    private static readonly JsonWriterOptions StatusJson = new() { Indented = false };

    /// <summary>
    /// <c>STATUS {json}</c> on one line. JSON rather than key=value lines because status nests (per-peer clock
    /// offsets and round trips) and the CLI and PowerShell module read it with a stock parser; compact
    /// JSON escapes newlines in strings, so the reply is always one line. The callback writes the
    /// properties of the single object.
    /// </summary>
    public static void WriteStatus(IBufferWriter<byte> output, Action<Utf8JsonWriter> writeProperties)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writeProperties);
        output.Write("STATUS "u8);
        using (var json = new Utf8JsonWriter(output, StatusJson))
        {
            json.WriteStartObject();
            writeProperties(json);
            json.WriteEndObject();
        }

        output.WriteLineEnd();
    }
}
