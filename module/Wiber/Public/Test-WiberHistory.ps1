function Test-WiberHistory {
    <#
    .SYNOPSIS
        Runs the history checker on a recorded run: was anything acknowledged lost, duplicated or reordered?
    .DESCRIPTION
        Runs 'wiber lab check' on a history (by default <lab dir>/history.jsonl, as Invoke-WiberWorkload writes
        it) together with the lab's event log. The result has Valid, the number of Errors and Warnings,
        Statistics, one entry in Recoveries per heal (how long until the next commit) and the Anomalies found:
        lost, duplicate, divergence, gap, two-leaders, no-recovery and the others of docs/checker.md. A
        violation is a result here, not an error: Valid is false (the CLI exits 8). -Quiet returns only
        $true or $false.
    .PARAMETER Path
        The history file (JSON lines). Accepts pipeline input by property name: Invoke-WiberWorkload's result
        has it as History.
    .PARAMETER TimelinePath
        Also write a timeline picture of the run: .html, or .svg.
    .PARAMETER Quiet
        Return $true when the history is valid, $false otherwise.
    .PARAMETER LabPath
        The lab directory whose events are checked with the history.
    .EXAMPLE
        Test-WiberHistory

        Checks <lab dir>/history.jsonl; Valid says whether anything acknowledged went wrong.
    .EXAMPLE
        Invoke-WiberWorkload -Duration 20s | Test-WiberHistory -TimelinePath ./run.html

        Records a run, checks it, and draws its timeline.
    .EXAMPLE
        (Test-WiberHistory).Anomalies | Format-Table Kind, Severity, Message

        What the checker found, one line each.
    .EXAMPLE
        if (-not (Test-WiberHistory -Quiet)) { throw 'the run lost or duplicated something' }

        A check for scripts.
    .INPUTS
        Objects with a History or Path property.
    .OUTPUTS
        Wiber.CheckResult, or System.Boolean with -Quiet.
    .LINK
        Invoke-WiberWorkload
    #>
    [CmdletBinding()]
    [OutputType('Wiber.CheckResult')]
    [OutputType([bool])]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('History', 'FullName')]
        [string] $Path,

        [string] $TimelinePath,

        [switch] $Quiet,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @()
        if ($Path) {
            $arguments += '--history', $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        }
        if ($TimelinePath) {
            $arguments += '--timeline', $PSCmdlet.GetUnresolvedProviderPathFromPSPath($TimelinePath)
        }

        # Exit code 8 is the checker's verdict 'invalid': a result, not a failure of the command.
        $result = Invoke-WiberCli -Verb 'lab', 'check' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.CheckResult' -SuccessExitCode 0, 8
        if ($Quiet) {
            [bool]$result.Valid
        }
        else {
            $result
        }
    }
}
