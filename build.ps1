#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, publishes or cleans Wiber: the same dotnet commands as scripts/build.sh, which CI and bash users run.
.DESCRIPTION
    Build compiles the solution. Test runs every test (README's command). Publish makes self-contained wiber and
    wiber-node executables for this machine's OS and architecture in module/Wiber/bin/<rid>/, where the
    PowerShell module finds them, so 'Import-Module ./module/Wiber' works on a machine with only PowerShell 7.
    Clean removes build output and that folder.

    Keep this file and scripts/build.sh in step: tests/Wiber.Module.Tests checks that both offer the same tasks
    and run the same dotnet commands for each.
.PARAMETER Task
    Build (default), Test, Publish or Clean.
.PARAMETER Configuration
    Release (default) or Debug, for Build and Publish.
.PARAMETER Runtime
    The runtime identifier to publish for (default: this machine's, e.g. linux-x64, win-x64, osx-arm64).
.EXAMPLE
    ./build.ps1

    Builds the solution in Release.
.EXAMPLE
    ./build.ps1 -Task Test

    Runs every test: dotnet test Wiber.sln.
.EXAMPLE
    ./build.ps1 -Task Publish
    Import-Module ./module/Wiber
    Start-WiberCluster

    Publishes wiber and wiber-node into the module, imports it and starts a lab cluster.
.EXAMPLE
    ./build.ps1 -Task Publish -Runtime linux-arm64

    Publishes for another platform (the module then carries bin/linux-arm64/).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Publish', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidatePattern('^[a-z]+(-[a-z0-9]+)+$')]
    [string] $Runtime
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    # Runs dotnet with the given arguments (one array, so '-c' or '-o' is never taken for a PowerShell
    # parameter) and stops the script when it fails.
    param([string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

if (-not $Runtime) {
    # The same names the module looks for (module/Wiber/Private/Get-WiberExecutable.ps1).
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $Runtime = "$os-" + [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
}
$moduleBin = Join-Path $PSScriptRoot 'module/Wiber/bin'

switch ($Task) {
    'Build' {
        Invoke-Dotnet 'build', 'Wiber.sln', '-c', $Configuration
    }
    'Test' {
        Invoke-Dotnet 'test', 'Wiber.sln'
    }
    'Publish' {
        # wiber-node is published beside wiber: the CLI project references it (docs/cli.md).
        $output = Join-Path $moduleBin $Runtime
        Invoke-Dotnet 'publish', 'src/Wiber.Cli', '-c', $Configuration, '-r', $Runtime, '--self-contained', 'true', '-o', $output
        Write-Host "published wiber and wiber-node to $output"
    }
    'Clean' {
        Invoke-Dotnet 'clean', 'Wiber.sln'
        foreach ($folder in 'artifacts', $moduleBin) {
            if (Test-Path -LiteralPath $folder) {
                Remove-Item -LiteralPath $folder -Recurse -Force
            }
        }
    }
}
