function Start-WiberCluster {
    <#
    .SYNOPSIS
        Starts a lab cluster: the proxy, every node behind it, and waits until one node leads.
    .DESCRIPTION
        Runs 'wiber lab up' in the lab directory (-LabPath, else $env:WIBER_LAB, else ./.wiber-lab) and returns
        what it reports: the directory, the leader and how long electing it took, and each node's pid and client
        address. Every link of the cluster runs through the lab's Toxiproxy, so the other commands of this
        module can break it; wiber commands and other PowerShell sessions started in the same directory find it.

        A lab directory keeps its nodes' data after Stop-WiberCluster, and nodes refuse to join a new cluster
        with it: start each new cluster in a new (or emptied) directory.
    .PARAMETER Nodes
        How many nodes, 1 to 9 (default 3).
    .PARAMETER PortBase
        0 (default) takes free ports from the system; a number P puts the proxy's API on P and the other
        listeners on the ports after it.
    .PARAMETER Toxiproxy
        The URL of a running Toxiproxy to use instead of the embedded one, e.g. http://127.0.0.1:8474.
    .PARAMETER Fast
        Fast Raft timings (50 ms ticks, elections after 300-600 ms): failover in well under a second.
    .PARAMETER Fsync
        The nodes' fsync policy: always (default), never, or interval:<ms>.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Start-WiberCluster

        Three nodes in ./.wiber-lab; the result shows the leader and the milliseconds it took to elect it.
    .EXAMPLE
        Start-WiberCluster -Nodes 5 -Fast -LabPath ./five

        Five nodes with fast elections, in ./five.
    .EXAMPLE
        $lab = Start-WiberCluster -Fast
        $lab.Nodes | Format-Table Node, Pid, Client

        The nodes of the new cluster and their client addresses (each one a proxy in front of the node).
    .EXAMPLE
        Start-WiberCluster -Toxiproxy http://127.0.0.1:8474 -WhatIf

        Says what would be started, and starts nothing.
    .INPUTS
        None.
    .OUTPUTS
        Wiber.LabCluster
    .LINK
        Stop-WiberCluster
    .LINK
        Get-WiberNode
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('Wiber.LabCluster')]
    param(
        [ValidateRange(1, 9)]
        [int] $Nodes = 3,

        [ValidateRange(0, 65000)]
        [int] $PortBase = 0,

        [uri] $Toxiproxy,

        [switch] $Fast,

        [ValidatePattern('^(always|never|interval:[0-9]+)$')]
        [string] $Fsync = 'always',

        [Alias('Dir')]
        [string] $LabPath
    )

    $arguments = @('--nodes', $Nodes, '--fsync', $Fsync)
    if ($PortBase -gt 0) {
        $arguments += '--port-base', $PortBase
    }
    if ($Toxiproxy) {
        $arguments += '--toxiproxy', $Toxiproxy.OriginalString
    }
    if ($Fast) {
        $arguments += '--fast'
    }

    $where = if ($LabPath) { $LabPath } elseif ($env:WIBER_LAB) { $env:WIBER_LAB } else { './.wiber-lab' }
    if ($PSCmdlet.ShouldProcess($where, "Start a $Nodes-node lab cluster")) {
        Invoke-WiberCli -Verb 'lab', 'up' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.LabCluster'
    }
}
