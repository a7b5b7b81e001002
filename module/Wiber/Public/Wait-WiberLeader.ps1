function Wait-WiberLeader {
    <#
    .SYNOPSIS
        Waits until a running node of the lab leads (optionally: not one of some nodes, or in a newer term).
    .DESCRIPTION
        Polls Get-WiberNode until a running node reports the leader role and passes the filters, and returns
        that node (the newest term wins when two claim it). Throws when none does within -TimeoutSec. Use it
        after a fault: after killing or isolating the leader, -ExcludeNode and -AfterTerm wait for its successor.
    .PARAMETER ExcludeNode
        Node ids that do not count (the leader you just killed or cut off).
    .PARAMETER AfterTerm
        Only a leader of a term greater than this counts.
    .PARAMETER TimeoutSec
        How long to wait (default 15 seconds).
    .PARAMETER IntervalMs
        How often to ask (default every 200 ms).
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Wait-WiberLeader

        The leader, as soon as there is one.
    .EXAMPLE
        $old = Wait-WiberLeader
        $old | Stop-WiberNode -Kill -Confirm:$false
        Wait-WiberLeader -ExcludeNode $old.Node -AfterTerm $old.Term

        Kills the leader and waits for its successor, which leads a newer term.
    .EXAMPLE
        Measure-Command { Wait-WiberLeader -TimeoutSec 5 }

        How long the cluster takes to (re-)elect.
    .INPUTS
        None.
    .OUTPUTS
        Wiber.LabNode
    .LINK
        Get-WiberNode
    #>
    [CmdletBinding()]
    [OutputType('Wiber.LabNode')]
    param(
        [Alias('Exclude')]
        [string[]] $ExcludeNode,

        [ValidateRange(0, [long]::MaxValue)]
        [long] $AfterTerm = 0,

        [ValidateRange(0.1, 3600.0)]
        [double] $TimeoutSec = 15,

        [ValidateRange(10, 60000)]
        [int] $IntervalMs = 200,

        [Alias('Dir')]
        [string] $LabPath
    )

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ($true) {
        $leaders = @(Get-WiberNode -LabPath $LabPath | Where-Object {
                $_.Role -eq 'leader' -and $_.State -eq 'running' -and $ExcludeNode -notcontains $_.Node -and $_.Term -gt $AfterTerm
            })
        if ($leaders.Count -gt 0) {
            return $leaders | Sort-Object -Property Term -Descending | Select-Object -First 1
        }
        if ($clock.Elapsed.TotalSeconds -ge $TimeoutSec) {
            $exception = [System.TimeoutException]::new("no node became leader within $TimeoutSec s (excluding: $($ExcludeNode -join ', '); after term $AfterTerm)")
            throw [System.Management.Automation.ErrorRecord]::new($exception, 'WiberNoLeader', [System.Management.Automation.ErrorCategory]::OperationTimeout, $null)
        }
        Start-Sleep -Milliseconds $IntervalMs
    }
}
