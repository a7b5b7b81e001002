function Stop-WiberNode {
    <#
    .SYNOPSIS
        Stops a node gracefully (SIGTERM), or crashes it with -Kill (SIGKILL).
    .DESCRIPTION
        Runs 'wiber lab stop <node>' or 'wiber lab kill <node>'. A killed node gets no chance to flush or say
        goodbye: what it acknowledged is on disk (fsync always) and the rest of the cluster elects a new leader if
        it led. Start-WiberNode brings it back with its data. Returns the node's state before and after.
    .PARAMETER Node
        The node ids. Accepts pipeline input by property name (Get-WiberNode, Get-WiberCluster).
    .PARAMETER Kill
        SIGKILL instead of SIGTERM: a crash.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Stop-WiberNode -Node n2

        Stops n2 gracefully, after asking for confirmation.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Leader | Stop-WiberNode -Kill -Confirm:$false

        Crashes the current leader without asking: the failover drill of lab/02-kill-the-leader.ps1.
    .EXAMPLE
        Stop-WiberNode -Node n1, n3 -WhatIf

        Shows which nodes would be stopped.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Start-WiberNode
    .LINK
        Restart-WiberNode
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('Wiber.NodeChange')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'NodeId')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Node,

        [switch] $Kill,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $action = if ($Kill) { 'kill' } else { 'stop' }
        $what = if ($Kill) { 'Kill the node (SIGKILL, a crash)' } else { 'Stop the node gracefully (SIGTERM)' }
        foreach ($id in $Node) {
            if ($PSCmdlet.ShouldProcess($id, $what)) {
                Invoke-WiberCli -Verb 'lab', $action -Argument $id -LabPath $LabPath -TypeName 'Wiber.NodeChange'
            }
        }
    }
}
