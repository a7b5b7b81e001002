namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// The random source of every scripted node. It always draws the smallest value, so a node's randomized
/// election timeout is exactly <c>election</c> ticks: runs are deterministic and <c>tick-election</c> means
/// "one election timeout passes" for every node, which keeps scripts readable. (Timeouts that differ between
/// nodes are the simulator's business; scripts choose who times out by whom they tick.)
/// </summary>
internal sealed class DeterministicRandom : Random
{
    public override int Next() => 0;

    public override int Next(int maxValue) => 0;

    public override int Next(int minValue, int maxValue) => minValue;

    public override double NextDouble() => 0;
}
