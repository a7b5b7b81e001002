using System.Diagnostics;
using System.Globalization;

namespace Wiber.Cli.Output;

/// <summary>
/// A one-line progress counter on stderr (<c>\r</c> updates, at most 10 a second), shown only when a
/// person is watching a terminal; scripts and pipes see nothing of it.
/// </summary>
internal sealed class ProgressLine(TextWriter error, string label, bool enabled)
{
    private readonly Lock _gate = new();
    private long _lastDraw;
    private bool _drawn;

    public void Report(long done, long total)
    {
        if (!enabled)
        {
            return;
        }

        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (done != total && Stopwatch.GetElapsedTime(_lastDraw, now) < TimeSpan.FromMilliseconds(100))
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label} {done:N0}/{total:N0} ({100.0 * done / Math.Max(total, 1):0}%)"));
        }
    }

    /// <summary>Ends the progress line so the next output starts on a fresh line.</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                error.WriteLine();
                _drawn = false;
            }
        }
    }
}
