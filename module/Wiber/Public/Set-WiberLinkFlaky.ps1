function Set-WiberLinkFlaky {
    <#
    .SYNOPSIS
        Makes links unreliable: connections reset, data cut in small slices, or connections closed after some bytes.
    .DESCRIPTION
        Runs 'wiber lab flaky'. -Kind reset resets a share of connections (Toxiproxy's reset_peer), slicer
        delivers data in 64-byte slices 1 ms apart, limit closes a connection after -Bytes. -Probability is the
        share of connections affected. Reset-WiberNetwork removes it.
    .PARAMETER Target
        A node id, a directed link a:b, or all. Accepts pipeline input by property name (Node).
    .PARAMETER Kind
        reset (default), slicer or limit.
    .PARAMETER Probability
        The share of connections affected, more than 0 and at most 1 (default 1).
    .PARAMETER Bytes
        With -Kind limit: close a connection after this many bytes (the CLI's default is 65536).
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Set-WiberLinkFlaky -Target n3 -Kind reset -Probability 0.3

        Three connections in ten to and from n3 are reset.
    .EXAMPLE
        Set-WiberLinkFlaky -Target n1:n2 -Kind limit -Bytes 10000

        What n1 sends to n2 is cut off after 10,000 bytes per connection; the nodes reconnect.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.LabFault
    .LINK
        Reset-WiberNetwork
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('Wiber.LabFault')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Node', 'Link')]
        [ValidateNotNullOrEmpty()]
        [string] $Target,

        [ValidateSet('reset', 'slicer', 'limit')]
        [string] $Kind = 'reset',

        [ValidateRange(0.0, 1.0)]
        [double] $Probability = 1.0,

        [ValidateRange(1, 1073741824)]
        [long] $Bytes,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @($Target, '--kind', $Kind, '--probability', $Probability.ToString([System.Globalization.CultureInfo]::InvariantCulture))
        if ($PSBoundParameters.ContainsKey('Bytes')) {
            $arguments += '--bytes', $Bytes
        }
        if ($PSCmdlet.ShouldProcess($Target, "Make the links flaky ($Kind)")) {
            Invoke-WiberCli -Verb 'lab', 'flaky' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.LabFault'
        }
    }
}
