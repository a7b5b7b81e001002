function Invoke-WiberPartition {
    <#
    .SYNOPSIS
        Cuts the network between groups of nodes; with -Duration, heals it again after that long.
    .DESCRIPTION
        Runs 'wiber lab partition'. With -Isolate, the named nodes (together) are cut off from all the others;
        with -Groups, each group is a set of node ids and the nodes not named form one more group (Blockade's
        form). Every link between groups is cut: by default the bytes are silently dropped, like a real
        partition; -Reset resets connections instead; -OneWay cuts only what the first group sends (it still
        hears the others). Client traffic is not cut: a client can still reach every node.

        -Duration waits that long and then heals every network fault of the lab ('wiber lab heal', as
        Reset-WiberNetwork does: also faults set before), even when the wait is interrupted with Ctrl+C. A
        partition that could not be made is not followed by a heal.
    .PARAMETER Isolate
        The node ids to cut off from the rest (one node is the usual case). Accepts pipeline input by property
        name (Node), so Get-WiberNode | Where-Object Role -eq Leader | Invoke-WiberPartition isolates the leader.
    .PARAMETER Groups
        Two or more groups; each is a string of comma-separated ids ('n1,n2') or an array of ids (@('n1', 'n2')).
    .PARAMETER OneWay
        Cut only the first group's outgoing links.
    .PARAMETER Reset
        Reset connections instead of dropping their bytes.
    .PARAMETER Duration
        Heal after this long: a [TimeSpan], a number of seconds, or text such as 1500ms, 2s, 1m.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Invoke-WiberPartition -Isolate n3 -Confirm:$false

        Cuts n3 off from n1 and n2 (they keep a majority and go on); Reset-WiberNetwork heals it.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Leader | Invoke-WiberPartition -Duration 5s

        Isolates the leader for five seconds, then heals: the majority elects a new leader meanwhile.
    .EXAMPLE
        Invoke-WiberPartition -Groups 'n1,n2', 'n3,n4,n5' -Confirm:$false

        Splits a five-node lab in two.
    .EXAMPLE
        Invoke-WiberPartition -Groups @('n2', 'n3') -OneWay -Confirm:$false

        n2 and n3 can no longer send to n1, but still hear it.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.LabFault
    .LINK
        Reset-WiberNetwork
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', DefaultParameterSetName = 'Isolate')]
    [OutputType('Wiber.LabFault')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Isolate', ValueFromPipelineByPropertyName)]
        [Alias('Node')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Isolate,

        [Parameter(Mandatory, ParameterSetName = 'Groups')]
        [ValidateNotNullOrEmpty()]
        [object[]] $Groups,

        [switch] $OneWay,

        [switch] $Reset,

        [object] $Duration,

        [Alias('Dir')]
        [string] $LabPath
    )

    begin {
        $isolated = [System.Collections.Generic.List[string]]::new()
        $wait = $null
        if ($PSBoundParameters.ContainsKey('Duration')) {
            $wait = ConvertTo-WiberDuration -Value $Duration -Name 'Duration'
        }
    }

    process {
        if ($PSCmdlet.ParameterSetName -eq 'Isolate') {
            foreach ($id in $Isolate) {
                $isolated.Add($id)
            }
        }
    }

    end {
        $cliGroups = if ($PSCmdlet.ParameterSetName -eq 'Isolate') {
            $isolated -join ','
        }
        else {
            foreach ($group in $Groups) {
                @($group) -join ','
            }
        }

        $arguments = @($cliGroups)
        if ($OneWay) {
            $arguments += '--one-way'
        }
        if ($Reset) {
            $arguments += '--reset'
        }

        $what = if ($wait) { "Partition the network for $wait, then heal" } else { 'Partition the network' }
        if (-not $PSCmdlet.ShouldProcess(($arguments -join ' '), $what)) {
            return
        }

        if ($null -eq $wait) {
            Invoke-WiberCli -Verb 'lab', 'partition' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.LabFault'
            return
        }

        # Prepared before the fault: the finally block below may only make .NET calls (see Invoke-WiberCli).
        $heal = New-WiberCliStartInfo -Verb 'lab', 'heal' -LabPath $LabPath
        $healed = $false
        $healError = ''
        Invoke-WiberCli -Verb 'lab', 'partition' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.LabFault'
        try {
            Start-Sleep -Milliseconds ([int][System.Math]::Ceiling($wait.TotalMilliseconds))
        }
        finally {
            $healing = [System.Diagnostics.Process]::Start($heal)
            $healing.StandardInput.Close()
            $null = $healing.StandardOutput.ReadToEnd()
            $healError = $healing.StandardError.ReadToEnd()
            $healing.WaitForExit()
            $healed = $healing.ExitCode -eq 0
            $healing.Dispose()
        }
        if (-not $healed) {
            throw "the partition was not healed ($($healError.Trim())): run Reset-WiberNetwork"
        }
        Write-Verbose "healed after $wait"
    }
}
