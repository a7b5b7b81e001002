using Wiber.Chaos.Server.Links;

namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// Cuts each chunk into pieces of about <c>average_size</c> ± <c>size_variation</c> bytes (halving recursively
/// with a random shift, as upstream) and writes them in order with <c>delay</c> µs after each.
/// Settings that crash or hang the real server (average ≤ 0, variation &lt; 0 or ≥ average) are refused.
/// </summary>
internal sealed class SlicerToxic(long averageSize, long sizeVariation, long delay) : IToxic
{
    public static readonly ToxicType Type = new("slicer", "SlicerToxic", ["average_size", "size_variation", "delay"], static a => new SlicerToxic(a[0], a[1], a[2]))
    {
        AttributeGoType = "int",
        Validate = static a => a[0] <= 0 ? "slicer average_size must be positive"
            : a[1] < 0 ? "slicer size_variation must not be negative"
            : a[1] >= a[0] ? "slicer size_variation must be smaller than average_size"
            : null,
    };

    public async Task RunAsync(StageRun run)
    {
        var pause = MonotonicTime.Microseconds(delay);
        var sizes = new List<int>();
        while (await run.ReadAsync().ConfigureAwait(false) is { } chunk)
        {
            if (chunk.IsEnd)
            {
                run.Close();
                return;
            }
            sizes.Clear();
            Slice(chunk.Length, sizes);
            for (var i = 0; i < sizes.Count; i++)
            {
                var last = i == sizes.Count - 1;
                run.Write(last ? chunk : chunk.SplitFront(sizes[i]));
                if (!await run.DelayAsync(pause).ConfigureAwait(false))
                {
                    if (!last)
                    {
                        run.Write(chunk); // the rest of this chunk, in one piece
                    }
                    return;
                }
            }
        }
    }

    /// <summary>Piece sizes for <paramref name="length"/> bytes, in order. Validation guarantees progress.</summary>
    private void Slice(int length, List<int> sizes)
    {
        if (length - averageSize <= sizeVariation)
        {
            sizes.Add(length);
            return;
        }
        var shift = sizeVariation == 0 ? 0 : (int)Random.Shared.NextInt64(-sizeVariation, sizeVariation);
        var left = (length / 2) + shift;
        Slice(left, sizes);
        Slice(length - left, sizes);
    }
}
