function Get-WiberRuntimeIdentifier {
    <#
    .SYNOPSIS
        The .NET runtime identifier of this machine (linux-x64, win-x64, osx-arm64, ...), as build.ps1 names bin/<rid>/.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $architecture = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    "$os-$architecture"
}

function Get-WiberExecutable {
    <#
    .SYNOPSIS
        The path of the wiber CLI the module runs.
    .DESCRIPTION
        In this order: $env:WIBER_CLI_BIN (the variable wiber lab itself honours); the self-contained build in
        the module's bin/<rid>/ (build.ps1 -Task Publish puts it there, with wiber-node beside it); wiber on PATH
        (scripts/install.sh). Throws, saying how to get one, when none is found.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:WIBER_CLI_BIN) {
        if (-not (Test-Path -LiteralPath $env:WIBER_CLI_BIN -PathType Leaf)) {
            throw "WIBER_CLI_BIN is '$($env:WIBER_CLI_BIN)', which is not a file"
        }
        return $env:WIBER_CLI_BIN
    }

    $name = if ($IsWindows) { 'wiber.exe' } else { 'wiber' }
    $rid = Get-WiberRuntimeIdentifier
    $bundled = [System.IO.Path]::Combine($script:WiberModuleRoot, 'bin', $rid, $name)
    if (Test-Path -LiteralPath $bundled -PathType Leaf) {
        return $bundled
    }

    $onPath = Get-Command -Name 'wiber' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) {
        return $onPath.Source
    }

    throw "wiber was not found in $([System.IO.Path]::GetDirectoryName($bundled)) nor on PATH: run './build.ps1 -Task Publish' in the repository (it puts a self-contained wiber there), or 'scripts/install.sh', or set WIBER_CLI_BIN"
}
