using System.Globalization;
using System.Text;
using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>
/// <c>wiber.identity</c>: a short text file that says whose directory this is, so a node never
/// starts on another node's data, another cluster's, another program's or a newer format's.
/// <code>
/// wiber-data-directory
/// format 1
/// node 3
/// cluster prod-eu   (only when a cluster id was given)
/// </code>
/// </summary>
internal static class IdentityFile
{
    public const string Name = "wiber.identity";
    public const string Magic = "wiber-data-directory";
    public const int FormatVersion = 1;

    public static void Create(IStorageFileSystem fs, string path, ulong nodeId, string? clusterId)
    {
        var text = new StringBuilder()
            .Append(Magic).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"format {FormatVersion}\n")
            .Append(CultureInfo.InvariantCulture, $"node {nodeId}\n");
        if (clusterId is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"cluster {clusterId}\n");
        }
        AtomicFile.Replace(fs, path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Throws unless the file names this node (and cluster, when both sides know one).</summary>
    public static void Verify(IStorageFileSystem fs, string path, ulong nodeId, string? clusterId)
    {
        var lines = Encoding.UTF8.GetString(AtomicFile.ReadAll(fs, path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Magic)
        {
            throw new StorageException(path, $"wrong magic: expected first line '{Magic}', found '{(lines.Length == 0 ? "" : Truncate(lines[0]))}' — not a Wiber data directory");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                throw new StorageException(path, $"malformed line '{Truncate(line)}', expected '<key> <value>'");
            }
            fields[line[..space]] = line[(space + 1)..];
        }
        if (!fields.TryGetValue("format", out var format) || format != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new StorageException(path, $"unsupported format version '{format ?? "(missing)"}', this build reads format {FormatVersion}");
        }
        if (!fields.TryGetValue("node", out var node) || !ulong.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var storedNode))
        {
            throw new StorageException(path, $"missing or malformed node id '{node ?? "(missing)"}'");
        }
        if (storedNode != nodeId)
        {
            throw new StorageException(path, $"this directory belongs to node {storedNode}, refusing to start node {nodeId} on it");
        }
        if (clusterId is not null && fields.TryGetValue("cluster", out var storedCluster) && storedCluster != clusterId)
        {
            throw new StorageException(path, $"this directory belongs to cluster '{storedCluster}', refusing to start in cluster '{clusterId}'");
        }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
