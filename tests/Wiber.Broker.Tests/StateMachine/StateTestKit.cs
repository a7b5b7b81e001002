using System.Text;
using Wiber.Broker.StateMachine;

namespace Wiber.Broker.Tests.StateMachine;

/// <summary>Small helpers that keep the tests about behaviour rather than plumbing.</summary>
internal static class StateTestKit
{
    public const long BaseMs = 1_700_000_000_000;

    public static ulong At(long msAfterBase, ushort logical = 0) => HybridTimestamp.Create(BaseMs + msAfterBase, logical);

    public static PublishCommand Pub(string topic, string text, string? id = null, long atMs = 0, long producerMs = 0) =>
        new(topic, id, producerMs, At(atMs), Encoding.UTF8.GetBytes(text));

    public static string Text(StoredMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    public static byte[] SnapshotBytes(BrokerState state)
    {
        using var stream = new MemoryStream();
        state.WriteSnapshot(stream);
        return stream.ToArray();
    }

    public static BrokerState Restore(byte[] snapshot)
    {
        using var stream = new MemoryStream(snapshot, writable: false);
        return BrokerState.ReadSnapshot(stream);
    }

    /// <summary>Applies commands at consecutive indexes after the last applied one.</summary>
    public static ApplyResult[] ApplyAll(this BrokerState state, params BrokerCommand[] commands)
    {
        var results = new ApplyResult[commands.Length];
        for (var i = 0; i < commands.Length; i++)
        {
            results[i] = state.Apply(state.LastAppliedIndex + 1, 1, commands[i]);
        }
        return results;
    }

    public static PublishOutcome Publish(this BrokerState state, PublishCommand publish) =>
        Assert.Single(state.ApplyAll(publish)[0].Publishes);
}
