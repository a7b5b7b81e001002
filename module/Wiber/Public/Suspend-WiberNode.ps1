function Suspend-WiberNode {
    <#
    .SYNOPSIS
        Freezes a node (SIGSTOP), like a long garbage-collection pause: its sockets stay open, nothing answers.
    .DESCRIPTION
        Runs 'wiber lab pause <node>'. The others stop hearing it; if it led, they elect a new leader. When it is
        resumed it still believes what it believed before the pause, until the first message of the newer term
        tells it otherwise. Not available on Windows (no SIGSTOP).
    .PARAMETER Node
        The node ids. Accepts pipeline input by property name.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Suspend-WiberNode -Node n1

        Freezes n1 after asking for confirmation; Resume-WiberNode -Node n1 wakes it.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Leader | Suspend-WiberNode -Confirm:$false

        Freezes the leader: the drill of lab/08-pause-the-leader.ps1.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Resume-WiberNode
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
            if ($PSCmdlet.ShouldProcess($id, 'Freeze the node (SIGSTOP)')) {
                Invoke-WiberCli -Verb 'lab', 'pause' -Argument $id -LabPath $LabPath -TypeName 'Wiber.NodeChange'
            }
        }
    }
}
