namespace Wiber.Broker.StateMachine;

/// <summary>
/// Constants of the command encoding (docs/broker-state.md has the byte layout). Every entry starts with
/// the format version, so a newer node can tell an old entry from a new one and an older node refuses a
/// command it cannot understand instead of misreading it.
/// </summary>
internal static class CommandFormat
{
    public const byte Version1 = 1;
    public const byte CurrentVersion = Version1;

    /// <summary>Version byte + kind byte.</summary>
    public const int HeaderSize = 2;

    /// <summary>The smallest publish body: topic length + 1 char, id length, producer time, 8-byte timestamp, payload length.</summary>
    public const int MinPublishBodySize = 2 + 1 + 1 + 8 + 1;
}

/// <summary>The kind byte of an encoded command. Values are part of the format: never renumber.</summary>
internal enum CommandKind : byte
{
    Publish = 1,
    PublishBatch = 2,
    CreateTopic = 3,
    DeleteTopic = 4,
    AckOffset = 5,
}
