namespace Wiber.Broker.Configuration;

/// <summary>
/// The node's flags: <c>--name value</c> or <c>--name=value</c>. Anything else is an error, not
/// ignored, so a typo like <c>--data-dir</c> cannot quietly start a node on the default data root.
/// </summary>
internal static class CommandLineFlags
{
    public static readonly string[] Known = ["id", "config", "data-root", "fsync"];

    public static Dictionary<string, string> Parse(IReadOnlyList<string> args, List<string> errors)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
            string? value = null;
            var equals = name?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (name is not null && equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            if (name is null || !Known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"unknown argument '{arg}' (expected {string.Join(", ", Known.Select(k => "--" + k))})");
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    errors.Add($"--{name} needs a value");
                    continue;
                }
                value = args[++i];
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"--{name} needs a value");
            }
            else if (!flags.TryAdd(name, value))
            {
                errors.Add($"--{name} is given more than once");
            }
        }
        return flags;
    }
}
