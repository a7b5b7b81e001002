namespace Wiber.Storage;

/// <summary>
/// Storage cannot be trusted to go on: corruption before the tail, a directory that is not ours, a
/// full or read-only disk, a failed fsync. The message always names the path and, for corruption,
/// the byte offset and what was expected there. The node must stop rather than run on wrong data.
/// </summary>
public sealed class StorageException : Exception
{
    public StorageException(string path, string problem, long? offset = null, Exception? inner = null)
        : base(Describe(path, problem, offset), inner)
    {
        FilePath = path;
        Offset = offset;
        Problem = problem;
    }

    public StorageException() : this("(unknown)", "storage failure") { }

    public StorageException(string message) : this("(unknown)", message) { }

    public StorageException(string message, Exception inner) : this("(unknown)", message, null, inner) { }

    /// <summary>The file or directory concerned.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset in <see cref="FilePath"/> where the problem was found, when it is about content.</summary>
    public long? Offset { get; }

    /// <summary>The problem without the location, e.g. "checksum mismatch: expected 0x…, found 0x…".</summary>
    public string Problem { get; }

    private static string Describe(string path, string problem, long? offset) =>
        offset is { } at ? $"{path} at byte {at}: {problem}" : $"{path}: {problem}";
}
