#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 03: cut one follower off. The majority keeps taking writes; the follower catches up after the heal.
.DESCRIPTION
    Isolates a follower from the other two nodes, publishes 50 messages (all acknowledged by the majority), sees
    the isolated follower fall behind while the leader and its term stay the same, heals the network and waits
    for the follower to catch up. lab/README.md explains what you should see and why;
    tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/03-minority-partition.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-03-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '03: a minority partition' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes and find the leader'
    $null = Start-WiberCluster -Fast
    $leader = Wait-WiberLeader
    $follower = Get-WiberNode | Where-Object Node -ne $leader.Node | Select-Object -First 1
    Write-Host "leader $($leader.Node) in term $($leader.Term); $($follower.Node) will be cut off"

    Write-ExerciseStep "Cut $($follower.Node) off from the other two (its bytes are silently dropped)"
    Invoke-WiberPartition -Isolate $follower.Node -Confirm:$false | Format-Table

    Write-ExerciseStep 'Publish 50 messages: the two connected nodes are a majority, so every one is acknowledged'
    $run = Publish-WiberMessage -Topic metrics -Message 'during {i}' -Count 50 -Id during
    $run | Format-Table

    Write-ExerciseStep "See $($follower.Node) fall behind while the leader stays the same"
    $cluster = @(Get-WiberCluster)
    $cluster | Format-Table
    $behind = ($cluster | Where-Object Node -eq $follower.Node).Lag
    $still = Wait-WiberLeader

    Write-ExerciseStep "Heal the network and wait for $($follower.Node) to catch up"
    Reset-WiberNetwork | Format-Table
    $caughtUp = Wait-ExerciseCondition -Description "$($follower.Node) caught up" -TimeoutSec 20 -Condition {
        (Get-WiberCluster | Where-Object Node -eq $follower.Node).Lag -eq 0
    }
    Get-WiberCluster | Format-Table

    $passed = $run.Ok -eq 50 -and $behind -ge 50 -and $still.Node -eq $leader.Node -and $still.Term -eq $leader.Term -and $caughtUp
    Write-ExerciseVerdict -Passed $passed -Text ("{0} of 50 publishes acknowledged while {1} was cut off; it fell {2} entries behind; leader {3} kept term {4}; caught up after the heal: {5}" -f
        $run.Ok, $follower.Node, $behind, $still.Node, $still.Term, $caughtUp)
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
