function Publish-WiberMessage {
    <#
    .SYNOPSIS
        Publishes messages to a topic and returns each one's outcome and offset; or, with -Count, a quick load.
    .DESCRIPTION
        Runs 'wiber pub <topic> <message>' once per message. Outcome is ok (acknowledged: written on a majority,
        at Offset), failed (definitely not written) or unknown (it may or may not have been written: read the
        topic to find out). An -Id makes a retry idempotent: publishing the same id again returns the first
        offset with Duplicate set, so a script can safely retry after an unknown outcome. Without -Id the CLI
        generates one. A failed or unknown outcome is written to the pipeline and then raised as an error.

        With -Count, runs 'wiber pub <topic> --count N' instead: N messages pipelined ({i} in the message is
        replaced by the number, ids ID-1 ... ID-N with -Id), and returns one summary with throughput and latency.
    .PARAMETER Topic
        The topic (created on first publish).
    .PARAMETER Message
        The message text. Accepts pipeline input: each string is one message; objects with a Payload property
        (Get-WiberHistory's) are published again.
    .PARAMETER Id
        The idempotency id; with -Count, the prefix of the ids.
    .PARAMETER Count
        Publish this many messages in one run (default message 'message {i}').
    .PARAMETER Rate
        With -Count: at most this many messages per second.
    .PARAMETER Server
        Client addresses (host:port) instead of the lab's.
    .PARAMETER TimeoutSec
        How long to keep retrying across a failover (the CLI's default is 10 seconds).
    .PARAMETER LabPath
        The lab whose servers to use.
    .EXAMPLE
        Publish-WiberMessage -Topic chat -Message 'Hello world'

        Returns Outcome ok, the topic and the offset the message got.
    .EXAMPLE
        'one', 'two', 'three' | Publish-WiberMessage -Topic chat

        Three messages, in order.
    .EXAMPLE
        Publish-WiberMessage -Topic orders -Message 'order 42 paid' -Id order-42

        Run it twice: the second result has the same offset and Duplicate set.
    .EXAMPLE
        Publish-WiberMessage -Topic load -Message 'sample {i}' -Count 10000 -Id run-1

        Ten thousand messages pipelined, with msg/s and p50/p99 latency; run again, nothing is duplicated.
    .EXAMPLE
        Get-WiberHistory -Topic chat -Last 5 | Publish-WiberMessage -Topic chat-copy

        Copies the last five messages of one topic to another.
    .INPUTS
        System.String, or objects with Topic, Payload and MessageId properties.
    .OUTPUTS
        Wiber.PublishResult, or Wiber.PublishRun with -Count.
    .LINK
        Get-WiberHistory
    .LINK
        Receive-WiberMessage
    #>
    [CmdletBinding(DefaultParameterSetName = 'Message')]
    [OutputType('Wiber.PublishResult', ParameterSetName = 'Message')]
    [OutputType('Wiber.PublishRun', ParameterSetName = 'Count')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Topic,

        [Parameter(Mandatory, Position = 1, ParameterSetName = 'Message', ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Parameter(Position = 1, ParameterSetName = 'Count')]
        [Alias('Payload')]
        [string] $Message,

        [Parameter(ParameterSetName = 'Message', ValueFromPipelineByPropertyName)]
        [Parameter(ParameterSetName = 'Count')]
        [Alias('MessageId')]
        [string] $Id,

        [Parameter(Mandatory, ParameterSetName = 'Count')]
        [ValidateRange(1, 100000000)]
        [long] $Count,

        [Parameter(ParameterSetName = 'Count')]
        [ValidateRange(0.001, 10000000.0)]
        [double] $Rate,

        [string[]] $Server,

        [ValidateRange(0.001, 3600.0)]
        [double] $TimeoutSec,

        [Alias('Dir')]
        [string] $LabPath
    )

    process {
        # Options first, then '--', then topic and message: a message that starts with '-' stays a message.
        $arguments = @()
        if ($Id) {
            $arguments += '--id', $Id
        }
        if ($PSCmdlet.ParameterSetName -eq 'Count') {
            $arguments += '--count', $Count
            if ($PSBoundParameters.ContainsKey('Rate')) {
                $arguments += '--rate', $Rate.ToString([System.Globalization.CultureInfo]::InvariantCulture)
            }
        }
        $arguments += '--', $Topic
        if ($Message) {
            $arguments += $Message
        }

        if ($PSCmdlet.ParameterSetName -eq 'Count') {
            Invoke-WiberCli -Verb 'pub' -Argument $arguments -Server $Server -TimeoutSec $TimeoutSec -LabPath $LabPath -TypeName 'Wiber.PublishRun'
        }
        else {
            Invoke-WiberCli -Verb 'pub' -Argument $arguments -Server $Server -TimeoutSec $TimeoutSec -LabPath $LabPath -TypeName 'Wiber.PublishResult'
        }
    }
}
