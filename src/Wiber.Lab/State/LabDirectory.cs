using System.Text.Json;

namespace Wiber.Lab.State;

/// <summary>
/// A lab's directory (default <c>./.wiber-lab</c>): <c>lab.json</c> (the state), <c>events.jsonl</c> (every
/// fault and lifecycle change), <c>cluster.yaml</c> (the nodes' configuration), <c>nodes/&lt;id&gt;/</c>
/// (data and logs), <c>proxy.log</c>. Changes are made under <c>lab.lock</c> so two commands run at once
/// (a CLI and a PowerShell session) never lose each other's updates.
/// </summary>
public sealed class LabDirectory
{
    public const string DefaultName = ".wiber-lab";

    public LabDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string StateFile => System.IO.Path.Combine(Path, "lab.json");

    public string EventsFile => System.IO.Path.Combine(Path, "events.jsonl");

    public string ConfigFile => System.IO.Path.Combine(Path, "cluster.yaml");

    public string ProxyLog => System.IO.Path.Combine(Path, "proxy.log");

    public string NodesRoot => System.IO.Path.Combine(Path, "nodes");

    public string NodeDirectory(string id) => System.IO.Path.Combine(NodesRoot, id);

    /// <summary>The node's console output (stdout and stderr of its process).</summary>
    public string NodeConsoleLog(string id) => System.IO.Path.Combine(NodeDirectory(id), "logs", "console.log");

    /// <summary>The node's structured log (written by the node itself).</summary>
    public string NodeJsonLog(string id) => System.IO.Path.Combine(NodeDirectory(id), "logs", "node.jsonl");

    public bool Exists => File.Exists(StateFile);

    /// <summary>The saved state; <see cref="LabErrorKind.NotRunning"/> when there is none, <see cref="LabErrorKind.VersionMismatch"/> for another layout.</summary>
    public LabState Load()
    {
        if (!Exists)
        {
            throw new LabException(LabErrorKind.NotRunning, $"no lab in {Path} (start one with 'wiber lab up')");
        }

        string text;
        try
        {
            text = File.ReadAllText(StateFile);
        }
        catch (IOException ex)
        {
            throw new LabException(LabErrorKind.Failed, $"cannot read {StateFile}: {ex.Message}", ex);
        }

        int? version = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var number))
            {
                version = number;
            }
        }
        catch (JsonException ex)
        {
            throw new LabException(LabErrorKind.VersionMismatch, $"{StateFile} is not a lab state file ({ex.Message}); remove {Path} to start over", ex);
        }

        if (version != LabState.CurrentVersion)
        {
            throw new LabException(
                LabErrorKind.VersionMismatch,
                $"{Path} was made by another version of Wiber (lab layout {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, this build reads {LabState.CurrentVersion}); stop it with that version or remove the directory");
        }

        try
        {
            return JsonSerializer.Deserialize<LabState>(text, LabJson.Options) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new LabException(LabErrorKind.VersionMismatch, $"{StateFile} is damaged ({ex.Message}); remove {Path} to start over", ex);
        }
    }

    /// <summary>Writes the state atomically (temporary file, then rename), so a reader never sees half of it.</summary>
    public void Save(LabState state)
    {
        Directory.CreateDirectory(Path);
        var temporary = StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, LabJson.Indented));
        File.Move(temporary, StateFile, overwrite: true);
    }

    /// <summary>Removes the state file (the lab is down); data and logs stay for inspection.</summary>
    public void Forget()
    {
        if (File.Exists(StateFile))
        {
            File.Delete(StateFile);
        }
    }

    /// <summary>
    /// Holds the lab's lock until disposed. Another command waits for it (up to <paramref name="wait"/>):
    /// lab commands are short, so waiting beats failing.
    /// </summary>
    public async Task<IDisposable> LockAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var lockFile = System.IO.Path.Combine(Path, "lab.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new LabException(LabErrorKind.Failed, $"another lab command holds {lockFile} (waited {wait.TotalSeconds:0} s)", ex);
            }
        }
    }
}
