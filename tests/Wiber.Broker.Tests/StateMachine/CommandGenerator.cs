using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Tests.StateMachine;

/// <summary>
/// Seeded random commands that exercise everything at once: a few topics (so ids and acks collide),
/// repeated ids (duplicates), timestamps that mostly rise and sometimes jump (age eviction), deletes and
/// acks that are sometimes invalid (rejections).
/// </summary>
internal sealed class CommandGenerator(int seed)
{
    private static readonly string[] TopicNames = ["chat", "orders", "metrics.cpu", "a-b_c", "z"];
    private static readonly string[] GroupNames = ["g1", "g2", "billing"];
    private readonly Random _random = new(seed);
    private long _nowMs = 1_700_000_000_000;
    private ushort _logical;

    public ulong Index { get; private set; }

    public BrokerCommand Next()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 55 => NextPublish(),
            < 70 => new PublishBatchCommand(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => NextPublish())),
            < 78 => new CreateTopicCommand(PickTopic(), "described " + _random.Next(10), NextRetention()),
            < 82 => new DeleteTopicCommand(PickTopic()),
            _ => new AckOffsetCommand(GroupNames[_random.Next(GroupNames.Length)], PickTopic(), _random.Next(0, 40)),
        };
    }

    /// <summary>The next command with the index and term it would be applied at.</summary>
    public (ulong Index, ulong Term, BrokerCommand Command) NextEntry()
    {
        Index += (ulong)_random.Next(1, 3); // gaps stand for no-op entries the host does not pass on
        return (Index, 1 + (Index / 50), Next());
    }

    public PublishCommand NextPublish()
    {
        var payload = new byte[_random.Next(0, 64)];
        _random.NextBytes(payload);
        var id = _random.Next(3) == 0 ? null : "id-" + _random.Next(60);
        return new PublishCommand(PickTopic(), id, _random.Next(2) == 0 ? 0 : _nowMs - _random.Next(50), NextTimestamp(), payload);
    }

    private ulong NextTimestamp()
    {
        var step = _random.Next(10);
        if (step < 6)
        {
            _logical++;
        }
        else
        {
            _nowMs += step == 9 ? _random.Next(1_000, 20_000) : _random.Next(1, 200);
            _logical = 0;
        }
        return HybridTimestamp.Create(_nowMs, _logical);
    }

    private RetentionPolicy NextRetention() => new(
        _random.Next(3) == 0 ? _random.Next(1_000, 30_000) : 0,
        _random.Next(3) == 0 ? _random.Next(100, 2_000) : 0,
        _random.Next(3) == 0 ? _random.Next(1, 30) : 0);

    private string PickTopic() => TopicNames[_random.Next(TopicNames.Length)];
}
