#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 01: a first cluster, and publish/subscribe on it.
.DESCRIPTION
    Starts a three-node lab cluster, looks at its nodes, publishes a few messages (one of them twice with the
    same id), and reads them back with Get-WiberHistory and Receive-WiberMessage. lab/README.md explains what
    you should see and why; tests/Wiber.Exercises.Tests/Exercise01FirstClusterTests.cs runs the same steps
    through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/01-first-cluster.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-01-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '01: a first cluster, publish and subscribe' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes (fast elections) and wait for a leader'
    $cluster = Start-WiberCluster -Fast
    $cluster | Format-Table

    Write-ExerciseStep 'Look at the nodes: one leader, two followers, all running'
    $nodes = @(Get-WiberNode)
    $nodes | Format-Table
    $leaders = @($nodes | Where-Object Role -eq 'leader')

    Write-ExerciseStep 'Publish three messages to the topic chat'
    $published = @('hello', 'from', 'PowerShell' | Publish-WiberMessage -Topic chat)
    $published | Format-Table

    Write-ExerciseStep 'Publish a message with an id, twice: the second is recognised as a duplicate'
    $first = Publish-WiberMessage -Topic chat -Message 'order 42 paid' -Id order-42
    $again = Publish-WiberMessage -Topic chat -Message 'order 42 paid' -Id order-42
    $first, $again | Format-Table

    Write-ExerciseStep 'Read the topic back: its history, then a subscription from offset 0'
    $history = @(Get-WiberHistory -Topic chat -From 0)
    $history | Format-Table
    $received = @(Receive-WiberMessage -Topic chat -From 0 -Count 4)
    $received | Format-Table

    $expected = 'hello|from|PowerShell|order 42 paid'
    $passed = $leaders.Count -eq 1 -and
        ($nodes | Where-Object State -eq 'running').Count -eq 3 -and
        ($history.Payload -join '|') -eq $expected -and
        ($history.Offset -join ',') -eq '0,1,2,3' -and
        ($received.Payload -join '|') -eq $expected -and
        $again.Duplicate -and $again.Offset -eq $first.Offset
    Write-ExerciseVerdict -Passed $passed -Text ("leader {0} elected in {1} ms; {2} messages at offsets {3}, read back in order by history and subscription; the retried id kept offset {4} (duplicate: {5})" -f
        $cluster.Leader, $cluster.TimeToLeaderMs, $history.Count, ($history.Offset -join ','), $again.Offset, $again.Duplicate)
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
