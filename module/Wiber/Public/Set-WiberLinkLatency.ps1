function Set-WiberLinkLatency {
    <#
    .SYNOPSIS
        Slows links down: added latency (with jitter) and/or a bandwidth cap.
    .DESCRIPTION
        Runs 'wiber lab slow'. The target is a node (every peer link into and out of it), a directed link
        'a:b' (what a sends to b), or 'all'. Give -Latency, -Bandwidth or both. Reset-WiberNetwork removes it.
        A follower behind a slow link falls behind (Get-WiberCluster shows its Lag) while the others keep the
        majority going.
    .PARAMETER Target
        A node id, a directed link a:b, or all. Accepts pipeline input by property name (Node).
    .PARAMETER Latency
        Added delay: a [TimeSpan], a number of seconds, or text such as 200ms.
    .PARAMETER Jitter
        Random variation of the latency, up or down (needs -Latency).
    .PARAMETER Bandwidth
        A cap in KB/s.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Set-WiberLinkLatency -Target n2 -Latency 200ms -Jitter 50ms

        Every message to and from n2 takes 150 to 250 ms longer.
    .EXAMPLE
        Set-WiberLinkLatency -Target n1:n3 -Bandwidth 64

        What n1 sends to n3 is capped at 64 KB/s.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Follower | Select-Object -First 1 | Set-WiberLinkLatency -Bandwidth 2

        Starves one follower: watch its Lag grow with Get-WiberCluster while you publish.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.LabFault
    .LINK
        Reset-WiberNetwork
    .LINK
        Set-WiberLinkFlaky
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('Wiber.LabFault')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Node', 'Link')]
        [ValidateNotNullOrEmpty()]
        [string] $Target,

        [object] $Latency,

        [object] $Jitter,

        [ValidateRange(1, 10485760)]
        [long] $Bandwidth,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @($Target)
        if ($PSBoundParameters.ContainsKey('Latency')) {
            $arguments += '--latency', (ConvertTo-WiberCliDuration -Duration (ConvertTo-WiberDuration -Value $Latency -Name 'Latency'))
        }
        if ($PSBoundParameters.ContainsKey('Jitter')) {
            $arguments += '--jitter', (ConvertTo-WiberCliDuration -Duration (ConvertTo-WiberDuration -Value $Jitter -Name 'Jitter'))
        }
        if ($PSBoundParameters.ContainsKey('Bandwidth')) {
            $arguments += '--bandwidth', $Bandwidth
        }

        if ($PSCmdlet.ShouldProcess($Target, 'Slow the links down')) {
            Invoke-WiberCli -Verb 'lab', 'slow' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.LabFault'
        }
    }
}
