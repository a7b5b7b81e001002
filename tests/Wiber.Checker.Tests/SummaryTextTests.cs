namespace Wiber.Checker.Tests;

public sealed class SummaryTextTests
{
    [Fact]
    public void A_valid_run_says_so_with_its_counts_and_recovery()
    {
        var b = new HistoryBuilder();
        b.At(0).Ok("a", 0).Unknown("u").Failed("f");
        b.At(1_000).Event("heal");
        b.At(1_100).Ok("b", 1, durationMs: 40);
        b.At(20_000).Scan("n1", "a", "b").Scan("n2", "a");

        var text = CheckSummaryText.Format(b.Check());

        Assert.StartsWith("verdict: VALID (0 errors, 0 warnings)\n", text, StringComparison.Ordinal);
        Assert.Contains("publishes: 4 (ok 2, failed 1, unknown 1: 0 written, 1 not seen); 4 ids; topics: t", text, StringComparison.Ordinal);
        Assert.Contains("reads: 3 (n1 2, n2 1)", text, StringComparison.Ordinal);
        Assert.Contains("heal at +1.000s: 140 ms (recovered); first ack after 140 ms ('b')", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_run_lists_the_first_anomalies_of_each_kind_and_counts_the_rest()
    {
        var b = new HistoryBuilder();
        for (var i = 0; i < 6; i++)
        {
            b.Ok($"m{i}", i);
        }

        b.Unknown("x").Scan("n1", "x", "x", "x", "x", "x", "x", "x");

        var text = CheckSummaryText.Format(b.Check(), anomaliesPerKind: 2);

        Assert.StartsWith("verdict: INVALID (7 errors, 0 warnings)\n", text, StringComparison.Ordinal);
        Assert.Contains("lost (6, error):\n", text, StringComparison.Ordinal);
        Assert.Contains("'m0' acknowledged at offset 0 (p1) but never read; offset 0 holds 'x'", text, StringComparison.Ordinal);
        Assert.Contains("  … and 4 more\n", text, StringComparison.Ordinal);
        Assert.Contains("duplicate (1, error):\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("lost (", StringComparison.Ordinal) < text.IndexOf("duplicate (", StringComparison.Ordinal));
    }
}
