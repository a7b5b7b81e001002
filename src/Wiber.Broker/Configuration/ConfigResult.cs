using System.Diagnostics.CodeAnalysis;

namespace Wiber.Broker.Configuration;

/// <summary>Either a value or every problem found, so a program can print them all and exit non-zero.</summary>
public sealed class ConfigResult<T>
    where T : class
{
    private ConfigResult(T? value, IReadOnlyList<string> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    /// <summary>Each one names the field (or flag or variable) and the problem.</summary>
    public IReadOnlyList<string> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    internal static ConfigResult<T> Valid(T value) => new(value, []);

    internal static ConfigResult<T> Invalid(IReadOnlyList<string> errors) => new(null, errors);

    /// <summary>The value, or a <see cref="ConfigurationException"/> listing every error.</summary>
    public T GetValueOrThrow() => Value ?? throw new ConfigurationException(Errors);
}
