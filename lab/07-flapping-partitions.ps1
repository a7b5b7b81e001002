#Requires -Version 7.2
<#
.SYNOPSIS
    Exercise 07: flapping partitions under load, judged by the history checker.
.DESCRIPTION
    Runs a 10-second workload in a background job (producers with ids, a subscriber on every node, status
    polls, a full read at the end) while isolating n1, n2 and n3 in turn for a second each. Then the checker
    reads the recorded history with the lab's events: nothing acknowledged lost or duplicated, one order on every
    node, at most one leader per term, and a commit soon after every heal. lab/README.md explains what you
    should see and why; tests/Wiber.Exercises.Tests runs the same steps through the wiber CLI in CI.
.PARAMETER LabPath
    The lab directory (default: a new one under the temporary folder).
.PARAMETER Pause
    Wait for Enter before each step (the workload keeps running meanwhile).
.PARAMETER Keep
    Leave the cluster running at the end.
.EXAMPLE
    ./lab/07-flapping-partitions.ps1

    Runs the exercise.
#>
[CmdletBinding()]
param(
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) "wiber-lab-07-$(Get-Random)"),
    [switch] $Pause,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Exercise.ps1')
$LabPath = Initialize-Exercise -Title '07: flapping partitions under load' -LabPath $LabPath -Pause:$Pause
try {
    Write-ExerciseStep 'Start three nodes'
    $null = Start-WiberCluster -Fast

    Write-ExerciseStep 'Start a 10-second workload in the background: 100 publishes/s with ids, a subscriber per node'
    $job = Start-ThreadJob -ArgumentList $WiberModulePath, $LabPath -ScriptBlock {
        param($ModulePath, $Lab)
        Import-Module $ModulePath
        Invoke-WiberWorkload -Duration 10s -Rate 100 -LabPath $Lab
    }
    Start-Sleep -Milliseconds 1500

    Write-ExerciseStep 'Isolate n1, n2 and n3 in turn, a second each, healing in between'
    foreach ($node in 'n1', 'n2', 'n3') {
        Invoke-WiberPartition -Isolate $node -Duration 1s -Confirm:$false | Format-Table
        Start-Sleep -Milliseconds 500
    }
    Get-WiberEvent | Format-Table

    Write-ExerciseStep 'Wait for the workload to finish and read every node in full'
    $workload = Receive-Job -Job $job -Wait -AutoRemoveJob
    $workload | Format-Table

    Write-ExerciseStep 'Check the history with the lab''s events'
    $check = Test-WiberHistory -Path $workload.History
    $check | Format-Table
    $check.Recoveries | Format-Table -Property 'HealAtMs', 'Status', 'RecoveryMs', 'FirstCommitNode'
    $check.Anomalies | Format-Table -Property 'Kind', 'Severity', 'Message'

    $recovered = @($check.Recoveries | Where-Object Status -eq 'recovered')
    $late = @($check.Recoveries | Where-Object Status -notin 'recovered', 'unobserved')
    $passed = $check.Valid -and $check.Errors -eq 0 -and $workload.Ok -gt 0 -and $recovered.Count -ge 2 -and $late.Count -eq 0
    Write-ExerciseVerdict -Passed $passed -Text ("checker: valid {0}, {1} errors; {2} publishes ({3} ok, {4} unknown), {5} reads; {6} heals followed by a commit within {7} ms at most" -f
        $check.Valid, $check.Errors, $workload.Publishes, $workload.Ok, $workload.Unknown, $workload.Reads, $recovered.Count, ($recovered.RecoveryMs | Measure-Object -Maximum).Maximum)
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
