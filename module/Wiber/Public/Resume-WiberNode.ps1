function Resume-WiberNode {
    <#
    .SYNOPSIS
        Wakes a node frozen with Suspend-WiberNode (SIGCONT).
    .DESCRIPTION
        Runs 'wiber lab resume <node>'. A former leader steps down as soon as it hears the newer term.
    .PARAMETER Node
        The node ids. Accepts pipeline input by property name.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Resume-WiberNode -Node n1

        Wakes n1.
    .EXAMPLE
        Get-WiberNode | Where-Object State -eq paused | Resume-WiberNode

        Wakes every frozen node.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Suspend-WiberNode
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
            if ($PSCmdlet.ShouldProcess($id, 'Wake the node (SIGCONT)')) {
                Invoke-WiberCli -Verb 'lab', 'resume' -Argument $id -LabPath $LabPath -TypeName 'Wiber.NodeChange'
            }
        }
    }
}
