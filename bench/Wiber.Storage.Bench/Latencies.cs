using System.Globalization;

namespace Wiber.Storage.Bench;

/// <summary>Operation latencies in microseconds, summarised as rate and percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _micros = [];

    public void Add(double micros)
    {
        lock (_micros)
        {
            _micros.Add(micros);
        }
    }

    public string Summary(TimeSpan elapsed)
    {
        lock (_micros)
        {
            _micros.Sort();
            double P(double q) => _micros.Count == 0 ? 0 : _micros[Math.Min(_micros.Count - 1, (int)(q * _micros.Count))];
            return string.Create(CultureInfo.InvariantCulture,
                $"{_micros.Count / elapsed.TotalSeconds,10:F0} ops/s   p50 {P(0.50),8:F1} µs   p99 {P(0.99),8:F1} µs   ({_micros.Count} ops)");
        }
    }

    public double Rate(TimeSpan elapsed)
    {
        lock (_micros)
        {
            return _micros.Count / elapsed.TotalSeconds;
        }
    }
}
