function Reset-WiberNetwork {
    <#
    .SYNOPSIS
        Heals the lab's network: removes every partition, slow and flaky link.
    .DESCRIPTION
        Runs 'wiber lab heal': every toxic on the lab's proxies goes (also ones added by other Toxiproxy
        clients) and every proxy is enabled. Processes are not touched: start killed nodes with Start-WiberNode,
        wake paused ones with Resume-WiberNode. Returns how many toxics were removed.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Reset-WiberNetwork

        Heals everything; RemovedToxics says how many toxics it took away.
    .EXAMPLE
        Invoke-WiberPartition -Isolate n1 -Confirm:$false; Start-Sleep -Seconds 3; Reset-WiberNetwork

        A three-second partition by hand (Invoke-WiberPartition -Duration 3s does the same).
    .INPUTS
        None.
    .OUTPUTS
        Wiber.LabHeal
    .LINK
        Invoke-WiberPartition
    .LINK
        Set-WiberLinkLatency
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('Wiber.LabHeal')]
    param(
        [Alias('Dir')]
        [string] $LabPath
    )

    if ($PSCmdlet.ShouldProcess('every link of the lab', 'Remove every network fault')) {
        Invoke-WiberCli -Verb 'lab', 'heal' -LabPath $LabPath -TypeName 'Wiber.LabHeal'
    }
}
