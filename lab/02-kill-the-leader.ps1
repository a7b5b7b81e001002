#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 02: kill the leader. Another node takes over and no acknowledged message is lost.
.DESCRIPTION
    Publishes 20 messages with ids, crashes the leader (SIGKILL), waits for the new leader and times the
    failover, publishes 20 more, starts the old leader again and checks that all 40 are there once each, in
    order. lab/README.md explains what you should see and why; tests/Wiber.Exercises.Tests runs the same steps
    through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/02-kill-the-leader.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-02-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '02: kill the leader' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes and publish 20 messages with ids before-1 ... before-20'
    $null = Start-WiberCluster -Fast
    $before = Publish-WiberMessage -Topic orders -Message 'before {i}' -Count 20 -Id before
    $before | Format-Table

    Write-ExerciseStep 'Crash the leader (SIGKILL): no goodbye, no flush beyond what fsync already did'
    $old = Wait-WiberLeader
    $old | Stop-WiberNode -Kill -Confirm:$false | Format-Table
    $clock = [System.Diagnostics.Stopwatch]::StartNew()

    Write-ExerciseStep 'Wait for the two survivors to elect a new leader, in a newer term'
    $new = Wait-WiberLeader -ExcludeNode $old.Node -AfterTerm $old.Term
    $failoverMs = [int]$clock.Elapsed.TotalMilliseconds
    Get-WiberNode | Format-Table

    Write-ExerciseStep 'Publish 20 more messages: the new leader takes them'
    $after = Publish-WiberMessage -Topic orders -Message 'after {i}' -Count 20 -Id after
    $after | Format-Table

    Write-ExerciseStep 'Start the old leader again: it rejoins as a follower and catches up'
    $old | Start-WiberNode | Format-Table
    $caughtUp = Wait-ExerciseCondition -Description "$($old.Node) caught up" -TimeoutSec 20 -Condition {
        $status = Get-WiberCluster | Where-Object Node -eq $old.Node
        $status.Role -eq 'follower' -and $status.Lag -eq 0
    }

    Write-ExerciseStep 'Read the whole topic: every acknowledged message, once, in order'
    $history = @(Get-WiberHistory -Topic orders -From 0)
    $expected = @((1..20 | ForEach-Object { "before $_" }) + (1..20 | ForEach-Object { "after $_" }))
    $inOrder = ($history.Payload -join '|') -eq ($expected -join '|')
    $offsetsOk = ($history.Offset -join ',') -eq ((0..39) -join ',')

    $passed = $before.Ok -eq 20 -and $after.Ok -eq 20 -and $new.Node -ne $old.Node -and $new.Term -gt $old.Term -and
        $caughtUp -and $history.Count -eq 40 -and $inOrder -and $offsetsOk
    Write-ExerciseVerdict -Passed $passed -Text ("leader {0} (term {1}) killed; {2} took over in term {3} after {4} ms; {5} of 40 acknowledged messages read back, once each and in order" -f
        $old.Node, $old.Term, $new.Node, $new.Term, $failoverMs, $history.Count)
}
catch {
    Write-ExerciseVerdict -Passed $false -Text "stopped by an error: $($_.Exception.Message)"
}
finally {
    Complete-Exercise -Keep:$Keep
}
if (-not $script:ExercisePassed) {
    exit 1
}
