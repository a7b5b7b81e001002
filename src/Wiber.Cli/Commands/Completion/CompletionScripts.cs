namespace Wiber.Cli.Commands.Completion;

/// <summary>The scripts: each hands the command line and cursor position to <c>wiber [suggest:N]</c>.</summary>
internal static class CompletionScripts
{
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => Pwsh,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "bash, zsh or pwsh"),
    };

    private const string Bash = """
        # wiber completion for bash: source <(wiber completion bash)
        _wiber_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(wiber "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _wiber_complete wiber

        """;

    private const string Zsh = """
        #compdef wiber
        # wiber completion for zsh: wiber completion zsh > "${fpath[1]}/_wiber"
        _wiber() {
          local -a candidates
          candidates=("${(@f)$(wiber "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a candidates
        }
        compdef _wiber wiber

        """;

    private const string Pwsh = """
        # wiber completion for PowerShell: wiber completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName wiber -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            wiber "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
