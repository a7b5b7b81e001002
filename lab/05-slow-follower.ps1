#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 05: a slow follower falls far behind and catches up from a snapshot.
.DESCRIPTION
    Starts a cluster that snapshots often and keeps little log, caps one follower's links at 2 KB/s, publishes
    3000 messages (the other two acknowledge them at full speed), sees the slow follower thousands of entries
    behind, heals, and watches it catch up: the leader no longer has the entries it misses, so it sends a
    snapshot, which the follower's log reports. lab/README.md explains what you should see and why;
    tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step, to look around from another shell meanwhile.
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/05-slow-follower.ps1 -Pause

    Runs the exercise step by step.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-05-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '05: a slow follower catches up from a snapshot' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes that snapshot every 500 entries, keep small log segments and at most 4 appends in flight'
    # The lab's nodes read WIBER_* settings from the environment of the command that starts them (docs/configuration.md).
    $settings = @{ WIBER_RAFT__SNAPSHOT_EVERY = '500'; WIBER_STORAGE__SEGMENT_BYTES = '16KiB'; WIBER_RAFT__MAX_INFLIGHT_MSGS = '4' }
    $previous = @{}
    foreach ($name in $settings.Keys) {
        $previous[$name] = [System.Environment]::GetEnvironmentVariable($name)
        [System.Environment]::SetEnvironmentVariable($name, $settings[$name])
    }
    try {
        $null = Start-WiberCluster -Fast
    }
    finally {
        foreach ($name in $settings.Keys) {
            [System.Environment]::SetEnvironmentVariable($name, $previous[$name])
        }
    }
    $leader = Wait-WiberLeader
    $slow = Get-WiberNode | Where-Object Node -ne $leader.Node | Select-Object -First 1
    Write-Host "leader $($leader.Node); $($slow.Node) will be the slow follower"

    Write-ExerciseStep "Cap every link of $($slow.Node) at 2 KB/s"
    $slow | Set-WiberLinkLatency -Bandwidth 2 | Format-Table

    Write-ExerciseStep 'Publish 3000 messages: the leader and the other follower acknowledge them at full speed'
    $run = Publish-WiberMessage -Topic readings -Message 'reading {i}' -Count 3000 -Id reading
    $run | Format-Table

    Write-ExerciseStep "See $($slow.Node) thousands of entries behind"
    $cluster = @(Get-WiberCluster)
    $cluster | Format-Table
    $behind = ($cluster | Where-Object Node -eq $slow.Node).Lag

    Write-ExerciseStep "Heal, and watch $($slow.Node) catch up"
    Reset-WiberNetwork | Format-Table
    $caughtUp = Wait-ExerciseCondition -Description "$($slow.Node) caught up" -TimeoutSec 30 -Condition {
        (Get-WiberCluster | Where-Object Node -eq $slow.Node).Lag -eq 0
    }
    Get-WiberCluster | Format-Table

    Write-ExerciseStep "Find how: the leader had compacted its log, so $($slow.Node) installed a snapshot"
    $snapshot = @(Get-WiberNodeLog -Node $slow.Node -Tail 100000 | Select-String -SimpleMatch 'installed snapshot')
    $snapshot | ForEach-Object { Write-Host "  $($_.Line)" }

    $passed = $run.Ok -eq 3000 -and $behind -ge 1000 -and $caughtUp -and $snapshot.Count -ge 1
    Write-ExerciseVerdict -Passed $passed -Text ("{0} of 3000 publishes acknowledged while {1} was {2} entries behind; it caught up after the heal: {3}; snapshot installed: {4}" -f
        $run.Ok, $slow.Node, $behind, $caughtUp, ($snapshot.Count -ge 1))
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
