using System.CommandLine;

namespace Wiber.Cli.Commands.Completion;

/// <summary>
/// <c>wiber completion bash|zsh|pwsh</c>: prints a script that asks <c>wiber</c> itself for completions (System.CommandLine's
/// <c>[suggest]</c> directive), so completion always matches the installed version's verbs and options.
/// </summary>
internal static class CompletionCommandDefinition
{
    public static readonly Argument<string> Shell = CreateShell();

    private static Argument<string> CreateShell()
    {
        var argument = new Argument<string>("shell") { Description = "bash, zsh or pwsh" };
        argument.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        return argument;
    }

    public static Command Create(CliConsole console)
    {
        var command = new Command("completion", """
            Print a shell completion script for wiber.

            Examples:
              source <(wiber completion bash)                  # bash, this shell; add it to ~/.bashrc to keep it
              wiber completion zsh > "${fpath[1]}/_wiber"      # zsh
              wiber completion pwsh | Out-String | Invoke-Expression   # PowerShell; add to $PROFILE
            """)
        {
            Shell,
        };
        command.SetAction(parseResult =>
        {
            console.Out.Write(CompletionScripts.For(parseResult.GetRequiredValue(Shell)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
