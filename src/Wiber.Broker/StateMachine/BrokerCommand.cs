namespace Wiber.Broker.StateMachine;

/// <summary>
/// A command carried in a Raft entry. Instances are immutable and validated on construction, so a command
/// that exists is one the codec can encode and the state machine can apply; invalid input fails at the
/// edge (protocol layer or decoder), never halfway through replication.
/// </summary>
public abstract record BrokerCommand
{
    private protected BrokerCommand()
    {
    }
}
