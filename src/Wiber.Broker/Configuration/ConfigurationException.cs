namespace Wiber.Broker.Configuration;

/// <summary>The configuration is invalid; <see cref="Errors"/> lists every problem, one per line in the message.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : this([message])
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public ConfigurationException(IReadOnlyList<string> errors)
        : base("invalid configuration:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
