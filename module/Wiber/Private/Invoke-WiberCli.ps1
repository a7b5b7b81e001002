function New-WiberCliStartInfo {
    <#
    .SYNOPSIS
        How to start one wiber command: the program, its arguments (one by one, never re-quoted) and its environment.
    .DESCRIPTION
        The argument vector is always: the verb words, then --json (unless -Text), --dir for lab verbs,
        --servers and --timeout when given, then the verb's own arguments (which may hold '--'). A lab directory
        given to a verb that is not 'lab ...' is passed as WIBER_LAB, which the CLI reads to find the lab's
        servers. The working directory is PowerShell's current file-system location.
    #>
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory)]
        [string[]] $Verb,

        [AllowEmptyCollection()]
        [string[]] $Argument = @(),

        [AllowEmptyString()]
        [string] $LabPath,

        [string[]] $Server,

        [double] $TimeoutSec,

        [switch] $Text
    )

    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-WiberExecutable))
    foreach ($word in $Verb) {
        $info.ArgumentList.Add($word)
    }
    if (-not $Text) {
        $info.ArgumentList.Add('--json')
    }

    $location = (Get-Location -PSProvider FileSystem).ProviderPath
    if ($LabPath) {
        # Relative to PowerShell's location, with ~ and PowerShell drives resolved (the directory may not exist yet).
        $labDirectory = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($LabPath)
        if ($Verb[0] -eq 'lab') {
            $info.ArgumentList.Add('--dir')
            $info.ArgumentList.Add($labDirectory)
        }
        else {
            $info.Environment['WIBER_LAB'] = $labDirectory
        }
    }
    if ($Server) {
        $info.ArgumentList.Add('--servers')
        $info.ArgumentList.Add(($Server -join ','))
    }
    if ($TimeoutSec -gt 0) {
        $info.ArgumentList.Add('--timeout')
        $info.ArgumentList.Add($TimeoutSec.ToString([System.Globalization.CultureInfo]::InvariantCulture))
    }
    foreach ($word in $Argument) {
        $info.ArgumentList.Add($word)
    }

    $info.WorkingDirectory = $location
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.StandardOutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $info.StandardErrorEncoding = [System.Text.UTF8Encoding]::new($false)
    $info.Environment['NO_COLOR'] = '1'
    $info
}

function Get-WiberCliError {
    <#
    .SYNOPSIS
        The ErrorRecord for a wiber run that exited with a code it should not have: the CLI's own message
        (its 'wiber: ' line without the prefix), the exit code in the error id and in Exception.Data.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)]
        [int] $ExitCode,

        [AllowEmptyString()]
        [string] $ErrorText,

        [Parameter(Mandatory)]
        [string] $CommandLine
    )

    $lines = @($ErrorText -split '\r?\n' | Where-Object { $_.StartsWith('wiber: ') })
    $message = if ($lines.Count -gt 0) {
        $lines[-1].Substring('wiber: '.Length)
    }
    elseif ($ErrorText -and $ErrorText.Trim()) {
        $ErrorText.Trim()
    }
    else {
        switch ($ExitCode) {
            2 { 'usage error' }
            3 { 'cluster unavailable: no server answered, or no leader, in time' }
            4 { 'not found' }
            5 { 'publish failed' }
            6 { 'publish outcome unknown' }
            7 { 'no lab in the directory' }
            8 { 'the history shows a violation' }
            default { "wiber exited with code $ExitCode" }
        }
    }

    $category = switch ($ExitCode) {
        2 { [System.Management.Automation.ErrorCategory]::InvalidArgument }
        3 { [System.Management.Automation.ErrorCategory]::ConnectionError }
        4 { [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        5 { [System.Management.Automation.ErrorCategory]::WriteError }
        6 { [System.Management.Automation.ErrorCategory]::OperationTimeout }
        7 { [System.Management.Automation.ErrorCategory]::ResourceUnavailable }
        8 { [System.Management.Automation.ErrorCategory]::InvalidResult }
        default { [System.Management.Automation.ErrorCategory]::NotSpecified }
    }

    $exception = [System.Management.Automation.RuntimeException]::new($message)
    $exception.Data['ExitCode'] = $ExitCode
    $exception.Data['CommandLine'] = $CommandLine
    [System.Management.Automation.ErrorRecord]::new($exception, "WiberCli.ExitCode$ExitCode", $category, $CommandLine)
}

function Invoke-WiberCli {
    <#
    .SYNOPSIS
        Runs one wiber command with --json and writes its JSON lines as objects, as they arrive.
    .DESCRIPTION
        The one place the module runs the CLI. Each line of standard output is one JSON object (docs/cli.md,
        docs/lab.md): it becomes a PSCustomObject with PascalCase property names, tagged with -TypeName
        (ConvertTo-WiberObject). Lines are read as they come, so a following command (wiber sub) streams, and
        Ctrl+C or a Select-Object -First that stops the pipeline ends the wiber process. An exit code not in
        -SuccessExitCode becomes a terminating error carrying the CLI's own message; objects written before it
        (a failed publish's result) have already gone down the pipeline.
    #>
    [CmdletBinding()]
    [OutputType([psobject], [string])]
    param(
        [Parameter(Mandatory)]
        [string[]] $Verb,

        [AllowEmptyCollection()]
        [string[]] $Argument = @(),

        [AllowEmptyString()]
        [string] $LabPath,

        [string[]] $Server,

        [double] $TimeoutSec,

        [string] $TypeName,

        [int[]] $SuccessExitCode = @(0),

        # Plain text lines instead of JSON (wiber lab logs).
        [switch] $Text
    )

    $info = New-WiberCliStartInfo -Verb $Verb -Argument $Argument -LabPath $LabPath -Server $Server -TimeoutSec $TimeoutSec -Text:$Text
    $commandLine = 'wiber ' + ($info.ArgumentList -join ' ')
    Write-Verbose $commandLine

    try {
        $process = [System.Diagnostics.Process]::Start($info)
    }
    catch {
        throw "could not start $($info.FileName): $($_.Exception.Message)"
    }

    try {
        $process.StandardInput.Close()
        $errorText = $process.StandardError.ReadToEndAsync()
        while ($true) {
            # Wait in short slices: a blocking read could not be interrupted by Ctrl+C.
            $pending = $process.StandardOutput.ReadLineAsync()
            while (-not $pending.Wait(200)) {
            }
            $line = $pending.Result
            if ($null -eq $line) {
                break
            }
            if ($Text) {
                $line
            }
            elseif ($line.Trim().Length -gt 0) {
                ConvertTo-WiberObject -InputObject ($line | ConvertFrom-Json) -TypeName $TypeName
            }
        }

        $process.WaitForExit()
        if ($SuccessExitCode -notcontains $process.ExitCode) {
            $stderr = $errorText.GetAwaiter().GetResult()
            $record = Get-WiberCliError -ExitCode $process.ExitCode -ErrorText $stderr -CommandLine $commandLine
            throw $record
        }
    }
    finally {
        # Only .NET calls here: when the pipeline is being stopped, PowerShell runs no commands in a finally block.
        if (-not $process.HasExited) {
            $process.Kill($true)
        }
        $process.Dispose()
    }
}
