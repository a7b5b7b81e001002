using System.Buffers.Binary;
using System.Text;

namespace Wiber.Broker.StateMachine;

/// <summary>
/// Reads command fields from untrusted bytes without throwing: every read checks what is left and reports
/// a failure with the field and byte position, which the decoder passes on as its error.
/// </summary>
internal ref struct CommandReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public string? Error { get; private set; }

    public bool Fail(string error)
    {
        Error ??= error;
        return false;
    }

    /// <summary>Puts context in front of the error already recorded (for example which batch item failed).</summary>
    public bool FailWithContext(string context)
    {
        Error = $"{context}: {Error}";
        return false;
    }

    public bool TryReadByte(string field, out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return Fail($"truncated: {field} at byte {_position}");
        }
        value = _data[_position++];
        return true;
    }

    public bool TryReadVarUInt64(string field, out ulong value)
    {
        var consumed = VarInt.TryRead(_data[_position..], out value);
        if (consumed == 0)
        {
            return Fail($"truncated: {field} at byte {_position}");
        }
        if (consumed < 0)
        {
            return Fail($"malformed varint: {field} at byte {_position}");
        }
        _position += consumed;
        return true;
    }

    /// <summary>A non-negative <see cref="long"/> stored as a varint.</summary>
    public bool TryReadVarInt64(string field, out long value)
    {
        value = 0;
        var start = _position;
        if (!TryReadVarUInt64(field, out var raw))
        {
            return false;
        }
        if (raw > long.MaxValue)
        {
            return Fail($"out of range: {field} at byte {start}");
        }
        value = (long)raw;
        return true;
    }

    public bool TryReadFixedUInt64(string field, out ulong value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return Fail($"truncated: {field} at byte {_position}");
        }
        value = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return true;
    }

    /// <summary>A length-prefixed byte run, checked against what is left before anything is allocated.</summary>
    public bool TryReadLengthPrefixed(string field, int maxLength, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        var start = _position;
        if (!TryReadVarUInt64($"{field} length", out var length))
        {
            return false;
        }
        if (length > (ulong)maxLength)
        {
            return Fail($"too long: {field} of {length} bytes at byte {start} (limit {maxLength})");
        }
        if ((ulong)Remaining < length)
        {
            return Fail($"truncated: {field} of {length} bytes at byte {_position}, {Remaining} left");
        }
        bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    public bool TryReadTopic(string field, out string topic)
    {
        topic = string.Empty;
        var start = _position;
        if (!TryReadLengthPrefixed(field, Names.MaxTopicLength, out var bytes))
        {
            return false;
        }
        if (!Names.IsValidTopic(bytes))
        {
            return Fail($"invalid {field} at byte {start}: 1-{Names.MaxTopicLength} characters of A-Z a-z 0-9 . _ -");
        }
        topic = Encoding.ASCII.GetString(bytes);
        return true;
    }

    public bool TryReadGroup(string field, out string group)
    {
        group = string.Empty;
        var start = _position;
        if (!TryReadLengthPrefixed(field, Names.MaxGroupLength, out var bytes))
        {
            return false;
        }
        if (!Names.IsValidGroup(bytes))
        {
            return Fail($"invalid {field} at byte {start}: 1-{Names.MaxGroupLength} characters of A-Z a-z 0-9 . _ -");
        }
        group = Encoding.ASCII.GetString(bytes);
        return true;
    }

    /// <summary>Length 0 means no id (a real id has at least one character).</summary>
    public bool TryReadOptionalMessageId(string field, out string? id)
    {
        id = null;
        var start = _position;
        if (!TryReadLengthPrefixed(field, Names.MaxMessageIdLength, out var bytes))
        {
            return false;
        }
        if (bytes.IsEmpty)
        {
            return true;
        }
        if (!Names.IsValidMessageId(bytes))
        {
            return Fail($"invalid {field} at byte {start}: printable ASCII without spaces");
        }
        id = Encoding.ASCII.GetString(bytes);
        return true;
    }

    public bool TryReadDescription(string field, out string description)
    {
        description = string.Empty;
        var start = _position;
        // Up to 3 UTF-8 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
        if (!TryReadLengthPrefixed(field, Names.MaxDescriptionLength * 3, out var bytes))
        {
            return false;
        }
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Fail($"invalid {field} at byte {start}: not UTF-8");
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (!Names.IsValidDescription(text))
        {
            return Fail($"invalid {field} at byte {start}: too long or has control characters");
        }
        description = text;
        return true;
    }
}
