function ConvertTo-WiberDuration {
    <#
    .SYNOPSIS
        Reads a duration the way the lab's command line does, plus PowerShell's own forms.
    .DESCRIPTION
        Accepts a [TimeSpan] (New-TimeSpan -Seconds 5), a number of seconds (5, 1.5), or text: the CLI's forms
        '200ms', '1.5s', '2m', '1h' with an optional sign ('+500ms', '-2s'), '0', or a TimeSpan text
        ('00:00:05'). Throws an ArgumentException naming the parameter for anything else. A bare number is
        seconds here (a [TimeSpan] parameter would have taken an integer as ticks), and since PowerShell 7 reads
        an unquoted 5s as the number 5 of type [short], that is five seconds as well.
    #>
    [CmdletBinding()]
    [OutputType([timespan])]
    param(
        [Parameter(Mandatory)]
        [AllowNull()]
        [object] $Value,

        [Parameter(Mandatory)]
        [string] $Name,

        [switch] $AllowNegative
    )

    $result = $null
    if ($Value -is [timespan]) {
        $result = $Value
    }
    elseif ($null -ne $Value -and [int][System.Type]::GetTypeCode($Value.GetType()) -ge 5 -and [int][System.Type]::GetTypeCode($Value.GetType()) -le 15) {
        # Any number (TypeCode SByte .. Decimal) is seconds. PowerShell 7 reads 5s as the [short] 5: five seconds too.
        $result = [timespan]::FromSeconds([double]$Value)
    }
    elseif ($Value -is [string]) {
        $text = $Value.Trim()
        $match = [regex]::Match($text, '^(?<sign>[+-]?)(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)?$')
        if ($match.Success) {
            $number = [double]::Parse($match.Groups['n'].Value, [System.Globalization.CultureInfo]::InvariantCulture)
            $unit = $match.Groups['unit'].Value
            if ($unit -eq '' -and $number -ne 0) {
                throw [System.ArgumentException]::new("-$($Name): '$Value' needs a unit (ms, s, m or h)", $Name)
            }
            $factor = switch ($unit) {
                's' { 1000 }
                'm' { 60000 }
                'h' { 3600000 }
                default { 1 }
            }
            $milliseconds = $number * $factor
            if ($match.Groups['sign'].Value -eq '-') {
                $milliseconds = -$milliseconds
            }
            $result = [timespan]::FromMilliseconds($milliseconds)
        }
        else {
            $parsed = [timespan]::Zero
            if ([timespan]::TryParse($text, [System.Globalization.CultureInfo]::InvariantCulture, [ref]$parsed)) {
                $result = $parsed
            }
        }
    }

    if ($null -eq $result) {
        throw [System.ArgumentException]::new("-$($Name): '$Value' is not a duration (e.g. 200ms, 1.5s, 2m, a number of seconds, or a [TimeSpan])", $Name)
    }
    if ($result -lt [timespan]::Zero -and -not $AllowNegative) {
        throw [System.ArgumentException]::new("-$($Name): '$Value' must not be negative", $Name)
    }
    $result
}

function ConvertTo-WiberCliDuration {
    <#
    .SYNOPSIS
        A duration as the CLI reads it: whole milliseconds with a unit and, with -Signed, a sign ('+800ms', '-3000ms').
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [timespan] $Duration,

        [switch] $Signed
    )

    $milliseconds = [long][System.Math]::Round($Duration.TotalMilliseconds)
    $text = $milliseconds.ToString([System.Globalization.CultureInfo]::InvariantCulture) + 'ms'
    if ($Signed -and $milliseconds -gt 0) {
        $text = '+' + $text
    }
    $text
}

function ConvertTo-WiberCliTime {
    <#
    .SYNOPSIS
        A point in time as 'wiber history --since/--until' reads it: unix milliseconds for a [datetime],
        [DateTimeOffset] or a [TimeSpan] age (that long ago); anything else as text (ISO-8601, 90s, 15m, 2h, 7d).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [object] $Value
    )

    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    if ($Value -is [datetime]) {
        return ([System.DateTimeOffset]$Value.ToUniversalTime()).ToUnixTimeMilliseconds().ToString($invariant)
    }
    if ($Value -is [System.DateTimeOffset]) {
        return $Value.ToUnixTimeMilliseconds().ToString($invariant)
    }
    if ($Value -is [timespan]) {
        return ([System.DateTimeOffset]::UtcNow - $Value).ToUnixTimeMilliseconds().ToString($invariant)
    }
    [string]$Value
}
