namespace Wiber.Checker.Checks;

/// <summary>Acknowledgements of one id, one per distinct offset (retries acknowledged twice at one offset count once).</summary>
internal static class Acks
{
    public static IEnumerable<PublishRecord> DistinctOffsets(List<PublishRecord> attempts)
    {
        // Nearly every id has one attempt: skip the grouping machinery for it.
        if (attempts.Count == 1)
        {
            return attempts[0].Outcome == PublishOutcome.Ok ? attempts : [];
        }

        return attempts
            .Where(a => a.Outcome == PublishOutcome.Ok)
            .GroupBy(a => a.Offset)
            .Select(g => g.MinBy(a => a.CompleteAtMs)!);
    }
}
