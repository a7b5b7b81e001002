function Set-WiberClockSkew {
    <#
    .SYNOPSIS
        Moves one node's clock forward or back (the wall-clock part of its hybrid clock).
    .DESCRIPTION
        Runs 'wiber lab skew <node> -- <offset>' through the node's admin endpoint. The order of messages does
        not depend on wall clocks: a leader whose clock goes back keeps stamping later messages with later
        hybrid timestamps (the logical part counts up). Get-WiberCluster shows each node's offset from the
        leader's clock within about a second. An offset of 0 removes the skew; a restart clears it too.
    .PARAMETER Node
        The node id. Accepts pipeline input by property name.
    .PARAMETER Offset
        How far to move the clock: a [TimeSpan], a number of seconds, or text such as +500ms, -2s, 0.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Set-WiberClockSkew -Node n2 -Offset +800ms

        n2's clock runs 800 ms ahead; Get-WiberCluster shows ClockOffsetMs near 800 for it.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Leader | Set-WiberClockSkew -Offset -3s

        Sets the leader's clock three seconds back: later messages still get later hybrid timestamps.
    .EXAMPLE
        Set-WiberClockSkew -Node n2 -Offset 0

        Removes the skew.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Get-WiberCluster
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('Wiber.NodeChange')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'NodeId')]
        [ValidateNotNullOrEmpty()]
        [string] $Node,

        [Parameter(Mandatory, Position = 1)]
        [object] $Offset,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $skew = ConvertTo-WiberCliDuration -Duration (ConvertTo-WiberDuration -Value $Offset -Name 'Offset' -AllowNegative) -Signed
        if ($PSCmdlet.ShouldProcess($Node, "Skew the clock by $skew")) {
            # '--' lets a negative offset through as a value rather than an option.
            Invoke-WiberCli -Verb 'lab', 'skew' -Argument $Node, '--', $skew -LabPath $LabPath -TypeName 'Wiber.NodeChange'
        }
    }
}
