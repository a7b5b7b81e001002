#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 04: isolate the leader. It steps down; when it comes back it does not disrupt the new leader (PreVote).
.DESCRIPTION
    Cuts the leader off from the others. The majority elects a new leader in a newer term; the old one, hearing
    no majority, steps down (CheckQuorum) and, because it must win a pre-vote first, never raises its own term.
    After the heal it simply follows the new leader: no election, the term stays. lab/README.md explains what
    you should see and why; tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/04-isolate-the-leader.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-04-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '04: isolate the leader' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes and publish 10 messages'
    $null = Start-WiberCluster -Fast
    $before = Publish-WiberMessage -Topic events -Message 'before {i}' -Count 10 -Id before
    $old = Wait-WiberLeader
    Write-Host "leader $($old.Node) in term $($old.Term)"

    Write-ExerciseStep "Isolate the leader $($old.Node)"
    $old | Invoke-WiberPartition -Confirm:$false | Format-Table

    Write-ExerciseStep 'The other two elect a new leader in a newer term'
    $new = Wait-WiberLeader -ExcludeNode $old.Node -AfterTerm $old.Term
    Write-Host "new leader $($new.Node) in term $($new.Term)"

    Write-ExerciseStep "$($old.Node) steps down on its own: it no longer hears a majority (CheckQuorum)"
    $steppedDown = Wait-ExerciseCondition -Description "$($old.Node) stepped down" -TimeoutSec 10 -Condition {
        (Get-WiberNode -Node $old.Node).Role -ne 'leader'
    }
    $during = Publish-WiberMessage -Topic events -Message 'during {i}' -Count 10 -Id during
    $isolated = Get-WiberNode -Node $old.Node
    Get-WiberNode | Format-Table

    Write-ExerciseStep 'Heal, wait two seconds (several election timeouts) and look again'
    Reset-WiberNetwork | Format-Table
    Start-Sleep -Seconds 2
    $final = Wait-WiberLeader
    $returned = Get-WiberNode -Node $old.Node
    Get-WiberNode | Format-Table
    $history = @(Get-WiberHistory -Topic events -From 0)

    $passed = $before.Ok -eq 10 -and $during.Ok -eq 10 -and $new.Node -ne $old.Node -and $new.Term -gt $old.Term -and $steppedDown -and
        $isolated.Term -eq $old.Term -and $final.Node -eq $new.Node -and $final.Term -eq $new.Term -and
        $returned.Role -eq 'follower' -and $returned.Term -eq $new.Term -and $history.Count -eq 20
    Write-ExerciseVerdict -Passed $passed -Text ("{0} was isolated in term {1} and stepped down without raising its term ({2}); {3} led term {4} and still leads it after the heal; {5} of 20 messages kept" -f
        $old.Node, $old.Term, $isolated.Term, $final.Node, $final.Term, $history.Count)
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
