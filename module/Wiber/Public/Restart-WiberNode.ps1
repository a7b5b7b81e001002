function Restart-WiberNode {
    <#
    .SYNOPSIS
        Stops a node gracefully and starts it again.
    .DESCRIPTION
        Runs 'wiber lab restart <node>'. A restart also clears a clock skew set with Set-WiberClockSkew.
    .PARAMETER Node
        The node ids. Accepts pipeline input by property name.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Restart-WiberNode -Node n3

        Restarts n3 after asking for confirmation.
    .EXAMPLE
        Get-WiberNode | Restart-WiberNode -Confirm:$false

        Restarts every node, one after the other, without asking.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Stop-WiberNode
    .LINK
        Start-WiberNode
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('Wiber.NodeChange')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'NodeId')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Node,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        foreach ($id in $Node) {
            if ($PSCmdlet.ShouldProcess($id, 'Restart the node (SIGTERM, then start)')) {
                Invoke-WiberCli -Verb 'lab', 'restart' -Argument $id -LabPath $LabPath -TypeName 'Wiber.NodeChange'
            }
        }
    }
}
