function Get-WiberHistory {
    <#
    .SYNOPSIS
        Reads the messages of a topic: the last N, a page from an offset, or a time range.
    .DESCRIPTION
        Runs 'wiber history <topic>'. Each message has its Offset, HybridTs (the leader's hybrid timestamp,
        '<unix ms>.<logical>': it rises with the offset even when clocks are skewed), Time (its wall-clock
        part), ProducerTimeMs, Encoding (utf-8, or base64 for a payload that is not UTF-8) and Payload.
        -Last (1..1000, default 10), -From with -Limit (1..1000), and -Since/-Until cannot be mixed. Fails with
        'not found' for a topic that does not exist.
    .PARAMETER Topic
        The topic. Accepts pipeline input by property name.
    .PARAMETER Last
        The last N messages (1..1000, default 10).
    .PARAMETER From
        The first offset of a page; continue with -From (last offset + 1).
    .PARAMETER Limit
        With -From: at most this many messages (1..1000, the CLI's default 1000).
    .PARAMETER Since
        Messages committed at or after this time: a [datetime], a [TimeSpan] age, unix milliseconds, or the
        CLI's text forms (ISO-8601, 90s, 15m, 2h, 7d).
    .PARAMETER Until
        Messages committed before this time (same forms as -Since).
    .PARAMETER Linearizable
        Read through the leader with a ReadIndex barrier: everything acknowledged before the call is included.
    .PARAMETER Server
        Client addresses (host:port) instead of the lab's; a single follower's address reads that node.
    .PARAMETER TimeoutSec
        Seconds to keep trying to reach the cluster (the CLI's default is 10).
    .PARAMETER LabPath
        The lab whose servers to use.
    .EXAMPLE
        Get-WiberHistory -Topic chat

        The last ten messages of chat.
    .EXAMPLE
        Get-WiberHistory -Topic orders -From 0 -Limit 1000 | Measure-Object

        How many of the first thousand offsets hold a message.
    .EXAMPLE
        Get-WiberHistory -Topic chat -Since (Get-Date).AddMinutes(-15)

        What was committed in the last fifteen minutes.
    .EXAMPLE
        Get-WiberHistory -Topic chat -Last 100 | Group-Object Payload | Where-Object Count -gt 1

        Any payload that appears twice among the last hundred messages.
    .INPUTS
        Objects with a Topic property.
    .OUTPUTS
        Wiber.Message
    .LINK
        Receive-WiberMessage
    .LINK
        Publish-WiberMessage
    #>
    [CmdletBinding(DefaultParameterSetName = 'Last')]
    [OutputType('Wiber.Message')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Topic,

        [Parameter(ParameterSetName = 'Last')]
        [ValidateRange(1, 1000)]
        [int] $Last,

        [Parameter(Mandatory, ParameterSetName = 'From')]
        [ValidateRange(0, [long]::MaxValue)]
        [long] $From,

        [Parameter(ParameterSetName = 'From')]
        [ValidateRange(1, 1000)]
        [int] $Limit,

        [Parameter(ParameterSetName = 'Time')]
        [object] $Since,

        [Parameter(ParameterSetName = 'Time')]
        [object] $Until,

        [switch] $Linearizable,

        [string[]] $Server,

        [ValidateRange(0.001, 3600.0)]
        [double] $TimeoutSec,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @($Topic)
        switch ($PSCmdlet.ParameterSetName) {
            'Last' {
                if ($PSBoundParameters.ContainsKey('Last')) {
                    $arguments += '--last', $Last
                }
            }
            'From' {
                $arguments += '--from', $From
                if ($PSBoundParameters.ContainsKey('Limit')) {
                    $arguments += '--limit', $Limit
                }
            }
            'Time' {
                if ($PSBoundParameters.ContainsKey('Since')) {
                    $arguments += '--since', (ConvertTo-WiberCliTime -Value $Since)
                }
                if ($PSBoundParameters.ContainsKey('Until')) {
                    $arguments += '--until', (ConvertTo-WiberCliTime -Value $Until)
                }
            }
        }
        if ($Linearizable) {
            $arguments += '--linearizable'
        }

        Invoke-WiberCli -Verb 'history' -Argument $arguments -Server $Server -TimeoutSec $TimeoutSec -LabPath $LabPath -TypeName 'Wiber.Message'
    }
}
