function Get-WiberCluster {
    <#
    .SYNOPSIS
        Asks every server of the cluster for its status: role, term, leader, commit, lag and clock offset.
    .DESCRIPTION
        Runs 'wiber status', which asks each server directly, so it answers during an election or on a minority.
        Lag (entries behind the leader) and ClockOffsetMs (the node's clock minus the leader's, estimated from
        periodic samples, updated about every second) are the leader's view and are empty when no leader
        answered. A server that did not answer has an Error and no other values. Fails only when no server
        answered.

        Servers come from -Server, else $env:WIBER_SERVERS, else the lab (-LabPath, $env:WIBER_LAB or
        ./.wiber-lab), else ./config/cluster.yaml.
    .PARAMETER Server
        Client addresses (host:port) to ask instead of the lab's.
    .PARAMETER TimeoutSec
        Seconds to wait for the servers (the CLI's default is 10).
    .PARAMETER LabPath
        The lab whose servers to ask.
    .EXAMPLE
        Get-WiberCluster

        One row per server of the lab in this directory, like 'wiber status'.
    .EXAMPLE
        Get-WiberCluster | Where-Object Lag -gt 0

        The servers that are behind the leader.
    .EXAMPLE
        Get-WiberCluster | Select-Object Node, ClockOffsetMs

        How far each node's clock is from the leader's (Set-WiberClockSkew moves one).
    .EXAMPLE
        Get-WiberCluster -Server 127.0.0.1:7001, 127.0.0.1:7002 -TimeoutSec 2

        Two servers of a cluster started with scripts/cluster.sh.
    .INPUTS
        None.
    .OUTPUTS
        Wiber.ServerStatus
    .LINK
        Get-WiberNode
    #>
    [CmdletBinding()]
    [OutputType('Wiber.ServerStatus')]
    param(
        [string[]] $Server,

        [ValidateRange(0.001, 3600.0)]
        [double] $TimeoutSec,

        [Alias('Dir')]
        [string] $LabPath
    )

    Invoke-WiberCli -Verb 'status' -Server $Server -TimeoutSec $TimeoutSec -LabPath $LabPath -TypeName 'Wiber.ServerStatus'
}
