namespace Wiber.Module.Tests.PowerShell;

/// <summary>
/// What the checks accept without a definition in our files: the built-in cmdlets our scripts, help and docs
/// use (each listed on purpose; a new one is added here after checking it ships with PowerShell 7.2), the
/// native programs they run, PowerShell's common parameters and approved verbs, and the .NET members read.
/// </summary>
internal static class PsKnown
{
    /// <summary>Cmdlets of PowerShell 7.2 (Microsoft.PowerShell.* modules and ThreadJob, which ships with it).</summary>
    public static readonly HashSet<string> Cmdlets = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConvertFrom-Json", "ConvertTo-Json", "Export-ModuleMember", "ForEach-Object", "Format-List", "Format-Table", "Get-ChildItem",
        "Get-Command", "Get-Content", "Get-Date", "Get-Help", "Get-Location", "Get-Random", "Group-Object", "Import-Module", "Join-Path",
        "Measure-Command", "Measure-Object", "Out-Null", "Read-Host", "Receive-Job", "Register-ArgumentCompleter", "Remove-Item",
        "Select-Object", "Select-String", "Set-Location", "Sort-Object", "Start-Sleep", "Start-ThreadJob", "Test-Path", "Where-Object",
        "Write-Debug", "Write-Host", "Write-Output", "Write-Verbose", "Write-Warning",
    };

    /// <summary>Programs run by name.</summary>
    public static readonly HashSet<string> Natives = new(StringComparer.Ordinal) { "wiber", "dotnet", "git", "bash" };

    /// <summary>Aliases we do not write in scripts: the full name reads better and does not depend on the platform.</summary>
    public static readonly HashSet<string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        "%", "?", "foreach", "where", "select", "sort", "group", "measure", "ft", "fl", "gci", "ls", "dir", "cat", "gc", "echo", "cd", "sl",
        "rm", "del", "cp", "mv", "iex", "gcm", "gm", "gps", "ps", "kill", "sleep", "cls", "type", "curl", "wget", "sc", "sajb", "rjb",
    };

    /// <summary>Parameters every advanced function has (and WhatIf/Confirm with SupportsShouldProcess).</summary>
    public static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    /// <summary>Get-Verb of PowerShell 7.2.</summary>
    public static readonly HashSet<string> ApprovedVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open", "Optimize",
        "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip", "Split", "Step", "Switch",
        "Undo", "Unlock", "Watch", "Connect", "Disconnect", "Read", "Receive", "Send", "Write", "Backup", "Checkpoint", "Compare", "Compress",
        "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge",
        "Mount", "Out", "Publish", "Restore", "Save", "Sync", "Unpublish", "Update", "Approve", "Assert", "Build", "Complete", "Confirm",
        "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke", "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit",
        "Suspend", "Uninstall", "Unregister", "Wait", "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace", "Block", "Grant",
        "Protect", "Revoke", "Unblock", "Unprotect", "Use",
    };

    /// <summary>Members of .NET and PowerShell objects our scripts read (besides the module's own properties).</summary>
    public static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "Count", "Length", "Elapsed", "TotalMilliseconds", "TotalSeconds", "Exception", "Message", "Line", "Keys", "Maximum", "Minimum",
        "FullName", "BaseName", "Name", "Source", "Result", "ExitCode", "HasExited", "ArgumentList", "Environment", "WorkingDirectory",
        "UseShellExecute", "RedirectStandardInput", "RedirectStandardOutput", "RedirectStandardError", "StandardOutputEncoding",
        "StandardErrorEncoding", "StandardInput", "StandardOutput", "StandardError", "FileName", "Data", "PSObject", "Properties", "Value",
        "Groups", "Success", "ProviderPath", "OriginalString", "ParameterSetName",
    };

    /// <summary>Verb-Noun: the shape of a cmdlet or function name.</summary>
    public static bool LooksLikeCommand(string word) => System.Text.RegularExpressions.Regex.IsMatch(word, "^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$");
}
