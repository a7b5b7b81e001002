namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>Short builders for the messages the tests step into nodes.</summary>
internal static class Msg
{
    public static Entry E(ulong index, ulong term, string data = "x") =>
        Entry.Normal(index, term, System.Text.Encoding.ASCII.GetBytes(data));

    /// <summary>Entries at indexes from..from+terms.Length-1 with the given terms.</summary>
    public static Entry[] Run(ulong from, params ulong[] terms) =>
        terms.Select((t, i) => E(from + (ulong)i, t, $"e{from + (ulong)i}")).ToArray();

    public static Message Append(ulong from, ulong to, ulong term, ulong index, ulong logTerm, ulong commit = 0, params Entry[] entries) =>
        new() { Type = MessageType.Append, From = from, To = to, Term = term, Index = index, LogTerm = logTerm, Commit = commit, Entries = entries };

    public static Message Heartbeat(ulong from, ulong to, ulong term, ulong commit = 0) =>
        new() { Type = MessageType.Heartbeat, From = from, To = to, Term = term, Commit = commit };

    public static Message AppendAck(ulong from, ulong to, ulong term, ulong index) =>
        new() { Type = MessageType.AppendResponse, From = from, To = to, Term = term, Index = index };

    public static Message AppendReject(ulong from, ulong to, ulong term, ulong index, ulong hint, ulong hintTerm = 0) =>
        new() { Type = MessageType.AppendResponse, From = from, To = to, Term = term, Index = index, Reject = true, RejectHint = hint, LogTerm = hintTerm };

    public static Message Vote(ulong from, ulong to, ulong term, ulong lastIndex, ulong lastTerm) =>
        new() { Type = MessageType.Vote, From = from, To = to, Term = term, Index = lastIndex, LogTerm = lastTerm };

    public static Message PreVote(ulong from, ulong to, ulong term, ulong lastIndex, ulong lastTerm) =>
        new() { Type = MessageType.PreVote, From = from, To = to, Term = term, Index = lastIndex, LogTerm = lastTerm };

    public static Message Of(MessageType type, ulong from, ulong to, ulong term) =>
        new() { Type = type, From = from, To = to, Term = term };
}
