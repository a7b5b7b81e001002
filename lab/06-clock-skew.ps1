#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 06: skew clocks. The skew shows in the status; the order of messages does not depend on it.
.DESCRIPTION
    Moves a follower's clock 800 ms ahead and sees the offset in Get-WiberCluster; then sets the leader's clock
    three seconds back and publishes more: offsets and hybrid timestamps keep rising together, because the
    leader's hybrid clock never goes back (its logical part counts up instead). lab/README.md explains what you
    should see and why; tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/06-clock-skew.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-06-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '06: clock skew' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes and publish 5 messages'
    $null = Start-WiberCluster -Fast
    $leader = Wait-WiberLeader
    $follower = Get-WiberNode | Where-Object Node -ne $leader.Node | Select-Object -First 1
    $before = Publish-WiberMessage -Topic clock -Message 'before {i}' -Count 5 -Id before

    Write-ExerciseStep "Move $($follower.Node)'s clock 800 ms ahead, and see it in the status"
    Set-WiberClockSkew -Node $follower.Node -Offset '+800ms' | Format-Table
    $shown = Wait-ExerciseCondition -Description 'the offset shown' -TimeoutSec 10 -Condition {
        $offset = (Get-WiberCluster | Where-Object Node -eq $follower.Node).ClockOffsetMs
        $null -ne $offset -and $offset -ge 500 -and $offset -le 1100
    }
    $status = @(Get-WiberCluster)
    $status | Format-Table
    $seen = ($status | Where-Object Node -eq $follower.Node).ClockOffsetMs

    Write-ExerciseStep "Set the leader $($leader.Node)'s clock three seconds back, and publish 5 more"
    Set-WiberClockSkew -Node $leader.Node -Offset '-3s' | Format-Table
    $after = Publish-WiberMessage -Topic clock -Message 'after {i}' -Count 5 -Id after

    Write-ExerciseStep 'Read the topic: offsets and hybrid timestamps rise together'
    $history = @(Get-WiberHistory -Topic clock -From 0)
    $history | Format-Table
    $rising = $true
    for ($i = 1; $i -lt $history.Count; $i++) {
        $previous = $history[$i - 1].HybridTs.Split('.')
        $current = $history[$i].HybridTs.Split('.')
        $later = [long]$current[0] -gt [long]$previous[0] -or ([long]$current[0] -eq [long]$previous[0] -and [int]$current[1] -gt [int]$previous[1])
        if (-not $later -or $history[$i].Offset -ne $history[$i - 1].Offset + 1) {
            $rising = $false
        }
    }

    $passed = $before.Ok -eq 5 -and $after.Ok -eq 5 -and $shown -and $history.Count -eq 10 -and $rising
    Write-ExerciseVerdict -Passed $passed -Text ("{0}'s clock shown {1} ms ahead of the leader's; after the leader's clock went 3 s back, {2} messages still have rising offsets and hybrid timestamps: {3}" -f
        $follower.Node, $seen, $history.Count, $rising)
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
