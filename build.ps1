#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, publishes or cleans Wiber: a thin wrapper over the same dotnet commands CI runs.
.EXAMPLE
    ./build.ps1                 # Build (Release)
.EXAMPLE
    ./build.ps1 -Task Test      # the test command README gives: dotnet test Wiber.sln
.EXAMPLE
    ./build.ps1 -Task Publish   # self-contained simulator into ./artifacts/simulator
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Publish', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    # Runs dotnet with the given arguments and stops the script when it fails.
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

switch ($Task) {
    'Build'   { Invoke-Dotnet build Wiber.sln -c $Configuration }
    'Test'    { Invoke-Dotnet test Wiber.sln }
    'Publish' { Invoke-Dotnet publish tests/Wiber.Simulator -c $Configuration -o artifacts/simulator }
    'Clean'   {
        Invoke-Dotnet clean Wiber.sln
        if (Test-Path -LiteralPath artifacts) { Remove-Item -LiteralPath artifacts -Recurse -Force }
    }
}
