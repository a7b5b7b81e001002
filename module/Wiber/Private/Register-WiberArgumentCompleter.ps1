function Get-WiberLabNodeId {
    <#
    .SYNOPSIS
        The node ids of a lab, read from its lab.json (a file contract, docs/lab.md) without running anything.
    .DESCRIPTION
        The lab directory is -LabPath, else $env:WIBER_LAB, else ./.wiber-lab, as the CLI chooses it. Returns
        nothing when there is no lab or the file cannot be read: completion must stay quiet.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowEmptyString()]
        [AllowNull()]
        [string] $LabPath
    )

    try {
        $directory = if ($LabPath) { $LabPath } elseif ($env:WIBER_LAB) { $env:WIBER_LAB } else { '.wiber-lab' }
        $location = (Get-Location -PSProvider FileSystem).ProviderPath
        $file = [System.IO.Path]::Combine([System.IO.Path]::GetFullPath($directory, $location), 'lab.json')
        if (-not [System.IO.File]::Exists($file)) {
            return
        }
        $lab = [System.IO.File]::ReadAllText($file) | ConvertFrom-Json
        foreach ($node in $lab.nodes) {
            [string]$node.id
        }
    }
    catch {
        Write-Debug "no node ids for completion: $($_.Exception.Message)"
    }
}

function Register-WiberArgumentCompleter {
    <#
    .SYNOPSIS
        Tab completion of node ids (from the lab's lab.json) and topics (from 'wiber topics --json').
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param()

    $nodeCompleter = {
        param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
        $null = $commandName, $commandAst
        $ids = @(Get-WiberLabNodeId -LabPath $fakeBoundParameters['LabPath'])
        $candidates = if ($parameterName -eq 'Target') {
            # Set-WiberLinkLatency / Set-WiberLinkFlaky also take 'all' and directed links a:b.
            @($ids) + @('all') + @(foreach ($from in $ids) { foreach ($to in $ids) { if ($from -ne $to) { "$($from):$($to)" } } })
        }
        else {
            $ids
        }
        foreach ($candidate in $candidates) {
            if ($candidate -like "$wordToComplete*") {
                [System.Management.Automation.CompletionResult]::new($candidate, $candidate, 'ParameterValue', $candidate)
            }
        }
    }

    $topicCompleter = {
        param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
        $null = $commandName, $parameterName, $commandAst
        try {
            $topics = Invoke-WiberCli -Verb 'topics' -LabPath $fakeBoundParameters['LabPath'] -Server $fakeBoundParameters['Server'] -TimeoutSec 2 -ErrorAction Stop
        }
        catch {
            return
        }
        foreach ($topic in $topics) {
            if ($topic.Name -like "$wordToComplete*") {
                [System.Management.Automation.CompletionResult]::new($topic.Name, $topic.Name, 'ParameterValue', "$($topic.Name) (next offset $($topic.NextOffset))")
            }
        }
    }

    $nodeCommands = @('Get-WiberNode', 'Get-WiberNodeLog', 'Restart-WiberNode', 'Resume-WiberNode', 'Set-WiberClockSkew', 'Start-WiberNode', 'Stop-WiberNode', 'Suspend-WiberNode')
    Register-ArgumentCompleter -CommandName $nodeCommands -ParameterName 'Node' -ScriptBlock $nodeCompleter
    Register-ArgumentCompleter -CommandName 'Invoke-WiberPartition' -ParameterName 'Isolate' -ScriptBlock $nodeCompleter
    Register-ArgumentCompleter -CommandName 'Wait-WiberLeader' -ParameterName 'ExcludeNode' -ScriptBlock $nodeCompleter
    Register-ArgumentCompleter -CommandName 'Set-WiberLinkLatency', 'Set-WiberLinkFlaky' -ParameterName 'Target' -ScriptBlock $nodeCompleter
    Register-ArgumentCompleter -CommandName 'Publish-WiberMessage', 'Get-WiberHistory', 'Receive-WiberMessage', 'Invoke-WiberWorkload' -ParameterName 'Topic' -ScriptBlock $topicCompleter
}
