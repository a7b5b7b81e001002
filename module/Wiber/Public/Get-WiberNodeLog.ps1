function Get-WiberNodeLog {
    <#
    .SYNOPSIS
        The last lines of a node's log (JSON lines the node writes), and with -Follow the new ones as they come.
    .DESCRIPTION
        Runs 'wiber lab logs <node>' and returns the lines as text: each is one JSON object written by the node
        (time, node, level, category, message), so ConvertFrom-Json reads them, and Select-String finds
        messages such as 'installed snapshot' or 'is now Leader'.
    .PARAMETER Node
        The node id. Accepts pipeline input by property name.
    .PARAMETER Tail
        How many of the last lines (the CLI's default is 50).
    .PARAMETER Follow
        Keep writing new lines until Ctrl+C.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Get-WiberNodeLog -Node n1

        The last fifty lines of n1's log.
    .EXAMPLE
        Get-WiberNodeLog -Node n3 -Tail 5000 | Select-String 'installed snapshot'

        Whether n3 caught up through a snapshot sent by the leader.
    .EXAMPLE
        Get-WiberNodeLog -Node n2 -Tail 20 | ConvertFrom-Json | Format-Table time, level, message

        The last twenty lines as a table.
    .INPUTS
        Objects with a Node property.
    .OUTPUTS
        System.String
    .LINK
        Get-WiberNode
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'NodeId')]
        [ValidateNotNullOrEmpty()]
        [string] $Node,

        [ValidateRange(0, 100000000)]
        [int] $Tail,

        [switch] $Follow,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @($Node)
        if ($PSBoundParameters.ContainsKey('Tail')) {
            $arguments += '--lines', $Tail
        }
        if ($Follow) {
            $arguments += '--follow'
        }
        Invoke-WiberCli -Verb 'lab', 'logs' -Argument $arguments -LabPath $LabPath -Text
    }
}
