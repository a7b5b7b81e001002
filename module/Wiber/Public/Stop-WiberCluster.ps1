function Stop-WiberCluster {
    <#
    .SYNOPSIS
        Stops every node and the proxy of a lab, and forgets the lab; data and logs stay in its directory.
    .DESCRIPTION
        Runs 'wiber lab down': SIGTERM to every node (SIGCONT first when paused, SIGKILL after 5 s) and to the
        embedded proxy. It also cleans up a lab whose processes have crashed. Returns one object per node with
        its state before and after. Takes two to four seconds: a node needs about a second to stop.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab). Accepts the LabDir property of
        Start-WiberCluster's result from the pipeline.
    .EXAMPLE
        Stop-WiberCluster

        Asks for confirmation (the cluster's processes end), then stops the lab in ./.wiber-lab.
    .EXAMPLE
        Stop-WiberCluster -LabPath ./five -Confirm:$false

        Stops the lab in ./five without asking.
    .EXAMPLE
        Start-WiberCluster -LabPath ./scratch | Stop-WiberCluster -WhatIf

        Shows what would be stopped: the LabDir property of the cluster binds to -LabPath.
    .INPUTS
        Objects with a LabDir or LabPath property (Wiber.LabCluster).
    .OUTPUTS
        Wiber.NodeChange
    .LINK
        Start-WiberCluster
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('Wiber.NodeChange')]
    param(
        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('Dir', 'LabDir')]
        [string] $LabPath
    )

    process {
        $where = if ($LabPath) { $LabPath } elseif ($env:WIBER_LAB) { $env:WIBER_LAB } else { './.wiber-lab' }
        if ($PSCmdlet.ShouldProcess($where, 'Stop every node and the proxy of the lab')) {
            Invoke-WiberCli -Verb 'lab', 'down' -LabPath $LabPath -TypeName 'Wiber.NodeChange'
        }
    }
}
