@{
    RootModule           = 'Wiber.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = 'c8628a49-61bc-42b3-bee8-9f1ac8576721'
    Author               = 'Wiber contributors'
    CompanyName          = 'Wiber'
    Copyright            = '(c) Wiber contributors. All rights reserved.'
    Description          = 'Drive a Wiber cluster lab from PowerShell: start it, break it (kill, pause, partition, slow, skew clocks), publish and read, and check what happened. A thin layer over the JSON output of the wiber command line.'
    PowerShellVersion    = '7.2'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Wiber.Format.ps1xml')
    FunctionsToExport    = @(
        'Get-WiberCluster'
        'Get-WiberEvent'
        'Get-WiberHistory'
        'Get-WiberNode'
        'Get-WiberNodeLog'
        'Invoke-WiberPartition'
        'Invoke-WiberWorkload'
        'Publish-WiberMessage'
        'Receive-WiberMessage'
        'Reset-WiberNetwork'
        'Restart-WiberNode'
        'Resume-WiberNode'
        'Set-WiberClockSkew'
        'Set-WiberLinkFlaky'
        'Set-WiberLinkLatency'
        'Start-WiberCluster'
        'Start-WiberNode'
        'Stop-WiberCluster'
        'Stop-WiberNode'
        'Suspend-WiberNode'
        'Test-WiberHistory'
        'Wait-WiberLeader'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Wiber', 'Raft', 'PubSub', 'Messaging', 'Chaos', 'Toxiproxy', 'Lab', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'First version: lab lifecycle, node and network faults, publish and read, workload and history check. Checked statically in CI; see docs/module.md.'
        }
    }
}
