#Requires -Version 7.2
# The Wiber module. Every exported command is one file in Public/ (named like the function), helpers are in
# Private/; both are dot-sourced here. The commands run the wiber CLI with --json (Private/Invoke-WiberCli.ps1)
# and turn its JSON into objects: docs/module.md describes the mapping.

# Where Get-WiberExecutable looks for the self-contained build (bin/<rid>/, written by build.ps1 -Task Publish).
$script:WiberModuleRoot = $PSScriptRoot

$privateFiles = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'Private') -Filter '*.ps1' -File)
$publicFiles = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'Public') -Filter '*.ps1' -File)
foreach ($file in $privateFiles + $publicFiles) {
    . $file.FullName
}

Register-WiberArgumentCompleter

Export-ModuleMember -Function $publicFiles.BaseName
