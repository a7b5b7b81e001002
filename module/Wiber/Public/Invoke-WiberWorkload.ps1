function Invoke-WiberWorkload {
    <#
    .SYNOPSIS
        Records a checkable history: steady publishes with ids, a subscriber on every node, status polls.
    .DESCRIPTION
        Runs 'wiber lab workload' for -Duration: producers publish unique ids at -Rate (the payload is the id)
        and record every outcome, a subscriber pinned to each node records every delivery, every node's status
        is polled, and at the end every node is read in full. The history goes to -OutPath (default
        <lab dir>/history.jsonl); Test-WiberHistory checks it. Break the lab meanwhile, from another session or
        from a background job (lab/07-flapping-partitions.ps1 shows how). Returns the counts.
    .PARAMETER Duration
        How long the producers publish (the CLI's default is 20s): a [TimeSpan], seconds, or text such as 15s.
    .PARAMETER Rate
        Publishes per second over all producers (the CLI's default is 200).
    .PARAMETER Producers
        Concurrent producers, 1 to 64 (the CLI's default is 2).
    .PARAMETER Topic
        The topic written and read (the CLI's default is workload).
    .PARAMETER OutPath
        Where to write the history.
    .PARAMETER LabPath
        The lab directory (default: $env:WIBER_LAB, else ./.wiber-lab).
    .EXAMPLE
        Invoke-WiberWorkload -Duration 20s | Test-WiberHistory

        Twenty seconds of load on a healthy cluster, then the checker's verdict.
    .EXAMPLE
        $job = Start-ThreadJob { Invoke-WiberWorkload -Duration 30s -LabPath $using:lab }

        Runs the workload in the background while this session breaks the lab; Receive-Job -Wait $job returns it.
    .EXAMPLE
        Invoke-WiberWorkload -Duration 1m -Rate 500 -Producers 4 -OutPath ./run1.jsonl

        A heavier run into a file of its own.
    .INPUTS
        None.
    .OUTPUTS
        Wiber.WorkloadResult
    .LINK
        Test-WiberHistory
    #>
    [CmdletBinding()]
    [OutputType('Wiber.WorkloadResult')]
    param(
        [object] $Duration,

        [ValidateRange(0.001, 100000.0)]
        [double] $Rate,

        [ValidateRange(1, 64)]
        [int] $Producers,

        [ValidateNotNullOrEmpty()]
        [string] $Topic,

        [string] $OutPath,

        [Alias('Dir')]
        [string] $LabPath
    )

    $arguments = @()
    if ($PSBoundParameters.ContainsKey('Duration')) {
        $arguments += '--duration', (ConvertTo-WiberCliDuration -Duration (ConvertTo-WiberDuration -Value $Duration -Name 'Duration'))
    }
    if ($PSBoundParameters.ContainsKey('Rate')) {
        $arguments += '--rate', $Rate.ToString([System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($PSBoundParameters.ContainsKey('Producers')) {
        $arguments += '--producers', $Producers
    }
    if ($Topic) {
        $arguments += '--topic', $Topic
    }
    if ($OutPath) {
        $arguments += '--out', $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutPath)
    }

    Invoke-WiberCli -Verb 'lab', 'workload' -Argument $arguments -LabPath $LabPath -TypeName 'Wiber.WorkloadResult'
}
