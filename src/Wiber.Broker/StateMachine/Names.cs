using System.Diagnostics.CodeAnalysis;

namespace Wiber.Broker.StateMachine;

/// <summary>
/// The rules for names that travel in commands and on the wire: topics, consumer groups, message ids and
/// topic descriptions. One place, so the codec, the state machine and the protocol layer can never disagree.
/// Topic and group names are ASCII-only on purpose: their UTF-8 and UTF-16 lengths are equal, they sort the
/// same under ordinal comparison everywhere, and they are safe in file names and text protocol lines.
/// </summary>
public static class Names
{
    public const int MaxTopicLength = 200;
    public const int MaxGroupLength = 200;
    public const int MaxMessageIdLength = 128;
    public const int MaxDescriptionLength = 1024;

    /// <summary>1–200 characters of [A-Za-z0-9._-].</summary>
    public static bool IsValidTopic([NotNullWhen(true)] string? name) =>
        name is not null && IsNameShaped(name.AsSpan(), MaxTopicLength);

    /// <summary>Consumer group names follow the topic rule.</summary>
    public static bool IsValidGroup([NotNullWhen(true)] string? name) =>
        name is not null && IsNameShaped(name.AsSpan(), MaxGroupLength);

    /// <summary>1–128 printable ASCII characters (0x21–0x7E): no spaces, so an id is one protocol token.</summary>
    public static bool IsValidMessageId([NotNullWhen(true)] string? id) =>
        id is not null && IsIdShaped(id.AsSpan());

    /// <summary>Up to 1024 characters, well-formed UTF-16 (so it survives UTF-8), no control characters (so it fits on one line).</summary>
    public static bool IsValidDescription([NotNullWhen(true)] string? description)
    {
        if (description is null || description.Length > MaxDescriptionLength)
        {
            return false;
        }
        for (var i = 0; i < description.Length; i++)
        {
            var c = description[i];
            if (char.IsControl(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c) && i + 1 < description.Length && char.IsLowSurrogate(description[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The topic rule over raw bytes, for the decoder (validates before allocating a string).</summary>
    public static bool IsValidTopic(ReadOnlySpan<byte> ascii) => IsNameShaped(ascii, MaxTopicLength);

    /// <summary>The group rule over raw bytes.</summary>
    public static bool IsValidGroup(ReadOnlySpan<byte> ascii) => IsNameShaped(ascii, MaxGroupLength);

    /// <summary>The message id rule over raw bytes.</summary>
    public static bool IsValidMessageId(ReadOnlySpan<byte> ascii) => IsIdShaped(ascii);

    /// <summary>Why <paramref name="name"/> is not a valid topic, or null when it is.</summary>
    public static string? DescribeInvalidTopic(string? name) => DescribeInvalidName("topic", name, MaxTopicLength);

    /// <summary>Why <paramref name="name"/> is not a valid group, or null when it is.</summary>
    public static string? DescribeInvalidGroup(string? name) => DescribeInvalidName("group", name, MaxGroupLength);

    /// <summary>Why <paramref name="id"/> is not a valid message id, or null when it is.</summary>
    public static string? DescribeInvalidMessageId(string? id)
    {
        if (id is null || id.Length == 0)
        {
            return "message id is empty";
        }
        if (id.Length > MaxMessageIdLength)
        {
            return $"message id is {id.Length} characters, more than {MaxMessageIdLength}";
        }
        return IsValidMessageId(id) ? null : "message id must be printable ASCII without spaces";
    }

    internal static void ThrowIfInvalidTopic(string? name, string paramName)
    {
        if (DescribeInvalidTopic(name) is { } error)
        {
            throw new ArgumentException(error, paramName);
        }
    }

    internal static void ThrowIfInvalidGroup(string? name, string paramName)
    {
        if (DescribeInvalidGroup(name) is { } error)
        {
            throw new ArgumentException(error, paramName);
        }
    }

    private static string? DescribeInvalidName(string what, string? name, int maxLength)
    {
        if (name is null || name.Length == 0)
        {
            return $"{what} name is empty";
        }
        if (name.Length > maxLength)
        {
            return $"{what} name is {name.Length} characters, more than {maxLength}";
        }
        return IsNameShaped(name.AsSpan(), maxLength) ? null : $"{what} name may only contain A-Z a-z 0-9 . _ -";
    }

    private static bool IsNameShaped<T>(ReadOnlySpan<T> name, int maxLength)
        where T : unmanaged
    {
        if (name.Length is 0 || name.Length > maxLength)
        {
            return false;
        }
        foreach (var unit in name)
        {
            if (!IsNameChar(ToInt(unit)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsIdShaped<T>(ReadOnlySpan<T> id)
        where T : unmanaged
    {
        if (id.Length is 0 || id.Length > MaxMessageIdLength)
        {
            return false;
        }
        foreach (var unit in id)
        {
            if (ToInt(unit) is < 0x21 or > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private static int ToInt<T>(T unit)
        where T : unmanaged =>
        unit switch
        {
            char c => c,
            byte b => b,
            _ => -1,
        };

    private static bool IsNameChar(int c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
