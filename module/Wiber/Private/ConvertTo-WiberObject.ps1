# JSON fields whose value is a map (its keys are data such as node ids, not field names): kept as they are.
$script:WiberMapFields = @('reads_by_node', 'anomalies_by_kind')

# snake_case -> PascalCase, computed once per field name (a history of 1000 messages has 7000 fields).
$script:WiberPropertyNames = @{}

function ConvertTo-WiberPropertyName {
    <#
    .SYNOPSIS
        The PowerShell name of a CLI JSON field: snake_case to PascalCase (time_to_leader_ms -> TimeToLeaderMs).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Name
    )

    $parts = foreach ($part in $Name.Split('_')) {
        if ($part.Length -gt 0) {
            $part.Substring(0, 1).ToUpperInvariant() + $part.Substring(1)
        }
    }
    $parts -join ''
}

function ConvertTo-WiberObject {
    <#
    .SYNOPSIS
        Turns one object from ConvertFrom-Json into the module's shape: PascalCase property names at every level,
        the given PSTypeName on the top object (so Wiber.Format.ps1xml shows it as a table). Arrays stay arrays,
        maps named in $script:WiberMapFields keep their keys, values are untouched.
    #>
    [CmdletBinding()]
    [OutputType([psobject])]
    param(
        [AllowNull()]
        [object] $InputObject,

        [string] $TypeName
    )

    if ($InputObject -is [System.Management.Automation.PSCustomObject]) {
        $properties = [ordered]@{}
        if ($TypeName) {
            $properties['PSTypeName'] = $TypeName
        }
        foreach ($property in $InputObject.PSObject.Properties) {
            $name = $script:WiberPropertyNames[$property.Name]
            if ($null -eq $name) {
                $name = ConvertTo-WiberPropertyName -Name $property.Name
                $script:WiberPropertyNames[$property.Name] = $name
            }
            $value = $property.Value
            $nested = $value -is [System.Management.Automation.PSCustomObject] -or $value -is [System.Collections.IList]
            if ($nested -and $script:WiberMapFields -notcontains $property.Name) {
                $value = ConvertTo-WiberObject -InputObject $value
            }
            $properties[$name] = $value
        }
        return [pscustomobject]$properties
    }

    if ($InputObject -is [System.Collections.IList]) {
        $items = foreach ($item in $InputObject) {
            ConvertTo-WiberObject -InputObject $item
        }
        # The comma keeps an empty or one-element array an array when it is returned.
        return , @($items)
    }

    $InputObject
}
