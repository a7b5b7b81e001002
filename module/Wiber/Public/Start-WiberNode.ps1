function Start-WiberNode {
    <#
    .SYNOPSIS
        Starts a stopped or killed node again with its data.
    .DESCRIPTION
        Runs 'wiber lab start <node>'. The node rejoins, learns the current term and catches up from the leader
        (from its log, or from a snapshot when it is too far behind). Starting a running node changes nothing
        (Changed is false).
    .PARAMETER Node
        The node ids. Accepts pipeline input by property name.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Start-WiberNode -Node n2

        Starts n2 again after Stop-WiberNode.
    .EXAMPLE
        Get-WiberNode | Where-Object State -in stopped, killed | Start-WiberNode

        Starts every node that is down.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Stop-WiberNode
    #>
    [CmdletBinding(SupportsShouldProcess)]
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
            if ($PSCmdlet.ShouldProcess($id, 'Start the node with its data')) {
                Invoke-WiberCli -Verb 'lab', 'start' -Argument $id -LabPath $LabPath -TypeName 'Wiber.NodeChange'
            }
        }
    }
}
