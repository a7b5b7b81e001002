function Get-WiberEvent {
    <#
    .SYNOPSIS
        The lab's event log: every lifecycle change and fault, with its time and whether it fully applied.
    .DESCRIPTION
        Runs 'wiber lab events'. Kind is up, down, kill, stop, start, restart, pause, resume, partition, slow,
        flaky, heal or skew; Ok is false for a fault that failed half-way (it was rolled back). The checker
        reads the same log (Test-WiberHistory) to measure recovery after each heal.
    .PARAMETER Kind
        Only events of these kinds.
    .PARAMETER Last
        Only the last N events.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Get-WiberEvent

        Everything done to the lab so far.
    .EXAMPLE
        Get-WiberEvent -Kind partition, heal

        When the network was cut and healed.
    .EXAMPLE
        Get-WiberEvent -Last 1 | Select-Object Kind, Detail, Ok

        Whether the last fault applied.
    .INPUTS
        None.
    .OUTPUTS
        Wiber.LabEvent
    .LINK
        Test-WiberHistory
    #>
    [CmdletBinding()]
    [OutputType('Wiber.LabEvent')]
    param(
        [ValidateSet('up', 'down', 'kill', 'stop', 'start', 'restart', 'pause', 'resume', 'partition', 'slow', 'flaky', 'heal', 'skew')]
        [string[]] $Kind,

        [ValidateRange(1, 1000000)]
        [int] $Last,

        [Alias('Dir')]
        [string] $LabPath
    )

    $events = Invoke-WiberCli -Verb 'lab', 'events' -LabPath $LabPath -TypeName 'Wiber.LabEvent'
    if ($Kind) {
        $events = $events | Where-Object { $Kind -contains $_.Kind }
    }
    if ($Last) {
        $events = $events | Select-Object -Last $Last
    }
    $events
}
