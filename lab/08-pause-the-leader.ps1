#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 08: pause the leader, as a long garbage-collection pause would. It wakes up a follower.
.DESCRIPTION
    Freezes the leader with SIGSTOP: its sockets stay open but it answers nothing. The others elect a new
    leader and take writes; when the old leader is resumed it still believes it leads, until the first message
    of the newer term makes it a follower. Nothing is lost or written twice. lab/README.md explains what you
    should see and why; tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/08-pause-the-leader.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-08-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '08: pause the leader' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes and publish 10 messages'
    $null = Start-WiberCluster -Fast
    $before = Publish-WiberMessage -Topic jobs -Message 'before {i}' -Count 10 -Id before
    $old = Wait-WiberLeader

    Write-ExerciseStep "Freeze the leader $($old.Node) (SIGSTOP)"
    $old | Suspend-WiberNode -Confirm:$false | Format-Table
    $frozen = Get-WiberNode -Node $old.Node
    $frozen | Format-Table

    Write-ExerciseStep 'The other two elect a new leader and take writes'
    $new = Wait-WiberLeader -ExcludeNode $old.Node -AfterTerm $old.Term
    $during = Publish-WiberMessage -Topic jobs -Message 'during {i}' -Count 10 -Id during
    Get-WiberNode | Format-Table

    Write-ExerciseStep "Wake $($old.Node) (SIGCONT): it hears the newer term and follows"
    $old | Resume-WiberNode | Format-Table
    $follows = Wait-ExerciseCondition -Description "$($old.Node) follows term $($new.Term)" -TimeoutSec 15 -Condition {
        $node = Get-WiberNode -Node $old.Node
        $node.Role -eq 'follower' -and $node.Term -ge $new.Term
    }
    Get-WiberNode | Format-Table

    Write-ExerciseStep 'Read the whole topic'
    $history = @(Get-WiberHistory -Topic jobs -From 0)
    $expected = @((1..10 | ForEach-Object { "before $_" }) + (1..10 | ForEach-Object { "during $_" }))

    $passed = $before.Ok -eq 10 -and $during.Ok -eq 10 -and $frozen.State -eq 'paused' -and $new.Node -ne $old.Node -and
        $new.Term -gt $old.Term -and $follows -and ($history.Payload -join '|') -eq ($expected -join '|')
    Write-ExerciseVerdict -Passed $passed -Text ("{0} frozen in term {1}; {2} led term {3} meanwhile; {0} woke up as a follower: {4}; {5} of 20 messages, once each and in order" -f
        $old.Node, $old.Term, $new.Node, $new.Term, $follows, $history.Count)
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
