namespace Wiber.Raft;

/// <summary>
/// The state that must reach stable storage before any message that depends on it is sent:
/// the current term, the vote cast in it (0 = none) and the commit index.
/// </summary>
public readonly record struct HardState(ulong Term, ulong Vote, ulong Commit)
{
    public static readonly HardState Empty = default;

    public bool IsEmpty => this == Empty;
}
