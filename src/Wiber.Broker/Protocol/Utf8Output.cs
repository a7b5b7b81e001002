using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Wiber.Broker.Protocol;

/// <summary>Small writes onto an <see cref="IBufferWriter{T}"/>, shared by the reply and request writers.</summary>
internal static class Utf8Output
{
    public static void Write(this IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write<byte>(bytes);

    public static void WriteText(this IBufferWriter<byte> output, string text) => Encoding.UTF8.GetBytes(text, output);

    public static void WriteNumber(this IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    /// <summary>Every reply line ends with CR LF, which both telnet and line readers accept.</summary>
    public static void WriteLineEnd(this IBufferWriter<byte> output) => output.Write("\r\n"u8);

    /// <summary>Text from the node (error details, descriptions) with control characters other than TAB replaced by a space.</summary>
    public static void WriteSingleLine(this IBufferWriter<byte> output, string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u0008') && !text.AsSpan().ContainsAnyInRange('\n', '\u001f') && !text.Contains('\u007f', StringComparison.Ordinal))
        {
            output.WriteText(text);
            return;
        }

        var clean = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = (c < ' ' && c != '\t') || c == '\u007f' ? ' ' : c;
            }
        });
        output.WriteText(clean);
    }

    /// <summary>The wire form of a retention: <c>forever</c>, a count, or the largest whole unit of an age.</summary>
    public static void WriteRetention(this IBufferWriter<byte> output, TopicRetention retention)
    {
        if (retention.MaxMessages is { } count)
        {
            output.WriteNumber(count);
            return;
        }

        if (retention.MaxAge is not { } age)
        {
            output.Write("forever"u8);
            return;
        }

        var seconds = Math.Max(1L, (long)age.TotalSeconds);
        var (amount, unit) = seconds % 86400 == 0 ? (seconds / 86400, (byte)'d')
            : seconds % 3600 == 0 ? (seconds / 3600, (byte)'h')
            : seconds % 60 == 0 ? (seconds / 60, (byte)'m')
            : (seconds, (byte)'s');
        output.WriteNumber(amount);
        output.Write([unit]);
    }
}
