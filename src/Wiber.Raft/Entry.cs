namespace Wiber.Raft;

/// <summary>What an entry carries: a client command, or the no-op a new leader appends to commit its term.</summary>
public enum EntryKind : byte
{
    Normal = 0,
    Empty = 1,
}

/// <summary>One slot of the replicated log. A struct: a committed entry should cost no allocation of its own.</summary>
public readonly record struct Entry(ulong Index, ulong Term, EntryKind Kind, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes counted against message and in-flight limits: the payload plus a fixed header.</summary>
    public long Size => Data.Length + 24;

    public static Entry Normal(ulong index, ulong term, ReadOnlyMemory<byte> data) => new(index, term, EntryKind.Normal, data);

    public override string ToString() => Kind == EntryKind.Empty
        ? $"{Term}/{Index} EMPTY"
        : $"{Term}/{Index} {DescribeData(Data.Span)}";

    private static string DescribeData(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return $"<{data.Length} bytes>";
            }
        }
        return System.Text.Encoding.ASCII.GetString(data);
    }
}
