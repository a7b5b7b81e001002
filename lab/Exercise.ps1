# Shared by the exercises, which dot-source it: imports the Wiber module of this repository and gives them
# their frame (a lab directory of their own, numbered steps, a verdict at the end). Not an exercise itself.

$WiberModulePath = Join-Path $PSScriptRoot '../module/Wiber/Wiber.psd1'
Import-Module $WiberModulePath -Force

function Initialize-Exercise {
    <#
    .SYNOPSIS
        Prints the exercise's title and points every Wiber command of this session at its own lab directory.
    .DESCRIPTION
        Sets $env:WIBER_LAB (which the module and wiber read) to -LabPath, made absolute, until Complete-Exercise,
        and returns that absolute path (a background job may start in another directory). A lab directory keeps
        its nodes' data, so each run of an exercise gets a new one.
    .EXAMPLE
        $LabPath = Initialize-Exercise -Title '02 kill the leader' -LabPath $LabPath -Pause:$Pause

        The first line of an exercise.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Title,

        [Parameter(Mandatory)]
        [string] $LabPath,

        [switch] $Pause
    )

    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($LabPath)
    $script:ExercisePause = [bool]$Pause
    $script:ExerciseStepNumber = 0
    $script:ExercisePassed = $false
    $script:ExerciseLabPath = $fullPath
    $script:ExercisePreviousLab = $env:WIBER_LAB
    $env:WIBER_LAB = $fullPath
    Write-Host "Exercise $Title" -ForegroundColor White
    Write-Host "lab directory: $fullPath (in another shell: `$env:WIBER_LAB = '$fullPath', then Get-WiberNode or wiber lab status)"
    $fullPath
}

function Write-ExerciseStep {
    <#
    .SYNOPSIS
        Prints the next numbered step; with -Pause on the exercise, waits for Enter first.
    .EXAMPLE
        Write-ExerciseStep 'Kill the leader'

        Prints '[2] Kill the leader' when it is the second step.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Text
    )

    $script:ExerciseStepNumber++
    Write-Host ''
    Write-Host "[$($script:ExerciseStepNumber)] $Text" -ForegroundColor Cyan
    if ($script:ExercisePause) {
        $null = Read-Host 'Enter to go on'
    }
}

function Wait-ExerciseCondition {
    <#
    .SYNOPSIS
        Evaluates a script block every 200 ms until it returns $true or the time is up; returns whether it did.
    .EXAMPLE
        Wait-ExerciseCondition -Description 'n3 caught up' -TimeoutSec 15 -Condition { (Get-WiberCluster | Where-Object Node -eq n3).Lag -eq 0 }

        Waits up to 15 seconds for n3 to catch up.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)]
        [string] $Description,

        [Parameter(Mandatory)]
        [scriptblock] $Condition,

        [double] $TimeoutSec = 15
    )

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ($clock.Elapsed.TotalSeconds -lt $TimeoutSec) {
        if (& $Condition) {
            Write-Host "  $Description after $([int]$clock.Elapsed.TotalMilliseconds) ms"
            return $true
        }
        Start-Sleep -Milliseconds 200
    }
    Write-Host "  not seen within $TimeoutSec s: $Description" -ForegroundColor Yellow
    $false
}

function Write-ExerciseVerdict {
    <#
    .SYNOPSIS
        Prints the exercise's verdict: PASS or FAIL, with what was observed.
    .EXAMPLE
        Write-ExerciseVerdict -Passed $true -Text 'a new leader in 640 ms, 40 of 40 messages once each'

        Prints 'VERDICT: PASS - a new leader in 640 ms, 40 of 40 messages once each'.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [bool] $Passed,

        [Parameter(Mandatory)]
        [string] $Text
    )

    $script:ExercisePassed = $Passed
    Write-Host ''
    if ($Passed) {
        Write-Host "VERDICT: PASS - $Text" -ForegroundColor Green
    }
    else {
        Write-Host "VERDICT: FAIL - $Text" -ForegroundColor Red
    }
}

function Complete-Exercise {
    <#
    .SYNOPSIS
        Stops the exercise's cluster and removes its directory (unless -Keep), and restores $env:WIBER_LAB.
    .EXAMPLE
        Complete-Exercise -Keep:$Keep

        The last line of an exercise, in its finally block.
    #>
    [CmdletBinding()]
    param(
        [switch] $Keep
    )

    try {
        if ($Keep) {
            Write-Host "the cluster still runs in $($script:ExerciseLabPath): Stop-WiberCluster -LabPath '$($script:ExerciseLabPath)' stops it"
        }
        elseif (Test-Path -LiteralPath (Join-Path $script:ExerciseLabPath 'lab.json')) {
            $null = Stop-WiberCluster -LabPath $script:ExerciseLabPath -Confirm:$false
            Remove-Item -LiteralPath $script:ExerciseLabPath -Recurse -Force
        }
    }
    finally {
        $env:WIBER_LAB = $script:ExercisePreviousLab
    }
}
