function Receive-WiberMessage {
    <#
    .SYNOPSIS
        Follows a topic and writes each message as it arrives, until -Count messages or Ctrl+C.
    .DESCRIPTION
        Runs 'wiber sub <topic>' and streams its messages down the pipeline. Start from an offset (-From), with
        the last N (-Last), with new messages only (-New), or, by default, new messages (with -Group: after the
        group's last acknowledgement). When its node is lost it resumes on another from the next offset: no gap,
        no duplicate. With -Group the CLI acknowledges what it delivered, so a later call resumes after it
        (at least once: Ctrl+C ends the wiber process, so up to 200 ms of messages may come again).
    .PARAMETER Topic
        The topic. Accepts pipeline input by property name.
    .PARAMETER From
        Start at this offset.
    .PARAMETER Last
        Start with the last N messages, then follow.
    .PARAMETER New
        Only messages published from now on.
    .PARAMETER Group
        A consumer group: resume after the group's last acknowledged message.
    .PARAMETER Count
        Stop after this many messages.
    .PARAMETER Server
        Client addresses (host:port) instead of the lab's.
    .PARAMETER TimeoutSec
        How long to keep trying to reach the cluster, also after losing a node (the CLI's default is 10 seconds).
    .PARAMETER LabPath
        The lab whose servers to use.
    .EXAMPLE
        Receive-WiberMessage -Topic chat -From 0 -Count 3

        The first three messages of chat, then returns.
    .EXAMPLE
        Receive-WiberMessage -Topic chat | ForEach-Object { '{0} {1}' -f $_.Offset, $_.Payload }

        Follows chat until Ctrl+C, printing offset and text.
    .EXAMPLE
        Receive-WiberMessage -Topic orders -Group billing -Count 100

        The next hundred messages for the billing group; run it again for the hundred after.
    .EXAMPLE
        Receive-WiberMessage -Topic chat -Last 5 | Select-Object -First 5

        The last five messages; Select-Object ends the subscription after the fifth.
    .INPUTS
        Objects with a Topic property.
    .OUTPUTS
        Wiber.Message
    .LINK
        Get-WiberHistory
    #>
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    [OutputType('Wiber.Message')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Topic,

        [Parameter(Mandatory, ParameterSetName = 'From')]
        [ValidateRange(0, [long]::MaxValue)]
        [long] $From,

        [Parameter(Mandatory, ParameterSetName = 'Last')]
        [ValidateRange(1, 1000000)]
        [int] $Last,

        [Parameter(ParameterSetName = 'New')]
        [switch] $New,

        [ValidateNotNullOrEmpty()]
        [string] $Group,

        [ValidateRange(1, [long]::MaxValue)]
        [long] $Count,

        [string[]] $Server,

        [ValidateRange(0.001, 3600.0)]
        [double] $TimeoutSec,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        $arguments = @($Topic)
        switch ($PSCmdlet.ParameterSetName) {
            'From' { $arguments += '--from', $From }
            'Last' { $arguments += '--last', $Last }
            'New' { $arguments += '--new' }
        }
        if ($Group) {
            $arguments += '--group', $Group
        }
        if ($PSBoundParameters.ContainsKey('Count')) {
            $arguments += '--count', $Count
        }

        Invoke-WiberCli -Verb 'sub' -Argument $arguments -Server $Server -TimeoutSec $TimeoutSec -LabPath $LabPath -TypeName 'Wiber.Message'
    }
}
