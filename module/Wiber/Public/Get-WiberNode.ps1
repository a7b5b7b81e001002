function Get-WiberNode {
    <#
    .SYNOPSIS
        The lab's view of its nodes: role, term, leader, commit, process id and state, and the faults in force.
    .DESCRIPTION
        Runs 'wiber lab status'. State is running, paused, stopped, killed, or crashed (recorded as running but
        the process is gone). Role, Term, Leader and Commit come from the node's admin endpoint and are empty
        when it does not answer (paused, stopped). Faults lists the network faults that involve the node.
    .PARAMETER Node
        Only these node ids (wildcards allowed). Accepts pipeline input by property name.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Get-WiberNode

        Every node of the lab in this directory, as a table like 'wiber lab status'.
    .EXAMPLE
        Get-WiberNode | Where-Object Role -eq Leader | Stop-WiberNode -Kill

        Crashes whichever node leads now (asks for confirmation first).
    .EXAMPLE
        Get-WiberNode -Node n2 | Select-Object Node, State, Faults

        One node's process state and faults.
    .EXAMPLE
        (Get-WiberNode | Where-Object State -eq running).Count

        How many nodes run.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        Wiber.LabNode
    .LINK
        Get-WiberCluster
    .LINK
        Wait-WiberLeader
    #>
    [CmdletBinding()]
    [OutputType('Wiber.LabNode')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'NodeId')]
        [SupportsWildcards()]
        [string[]] $Node,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        foreach ($status in Invoke-WiberCli -Verb 'lab', 'status' -LabPath $LabPath -TypeName 'Wiber.LabNode') {
            if (-not $Node) {
                $status
                continue
            }
            foreach ($pattern in $Node) {
                if ($status.Node -like $pattern) {
                    $status
                    break
                }
            }
        }
    }
}
