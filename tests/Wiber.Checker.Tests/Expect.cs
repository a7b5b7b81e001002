namespace Wiber.Checker.Tests;

/// <summary>Assertions on check results that say what was found when they fail.</summary>
internal static class Expect
{
    public static void Clean(CheckResult result)
    {
        Assert.True(result.IsValid, Describe(result));
        Assert.True(result.Anomalies.Count == 0, Describe(result));
    }

    /// <summary>Exactly one anomaly, of type <typeparamref name="T"/>; returns it for detail asserts.</summary>
    public static T Single<T>(CheckResult result)
        where T : Anomaly
    {
        Assert.True(result.Anomalies.Count == 1, Describe(result));
        return Assert.IsType<T>(result.Anomalies[0]);
    }

    /// <summary>The error kinds found, distinct and sorted.</summary>
    public static IReadOnlyList<string> ErrorKinds(CheckResult result) =>
        [.. result.Anomalies.Where(a => a.Severity == AnomalySeverity.Error).Select(a => a.Kind).Distinct().Order(StringComparer.Ordinal)];

    public static string Describe(CheckResult result) =>
        result.Anomalies.Count == 0 ? "no anomalies" : string.Join("\n", result.Anomalies.Select(a => $"{a.Kind}: {a.Message}"));
}
