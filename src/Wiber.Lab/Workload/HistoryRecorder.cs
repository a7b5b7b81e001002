using Wiber.Checker;

namespace Wiber.Lab.Workload;

/// <summary>
/// Appends checker records to a history file from many tasks at once. Records of one subscription scan
/// are written in delivery order because one task writes them (the checker relies on file order for gaps).
/// </summary>
public sealed class HistoryRecorder : IDisposable
{
    private readonly StreamWriter _file;
    private readonly HistoryWriter _writer;
    private readonly Lock _gate = new();

    public HistoryRecorder(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new StreamWriter(path, append: false);
        _writer = new HistoryWriter(_file);
    }

    public long Publishes { get; private set; }

    public long Reads { get; private set; }

    public void Record(HistoryRecord record)
    {
        lock (_gate)
        {
            _writer.Write(record);
            if (record is PublishRecord)
            {
                Publishes++;
            }
            else if (record is ReadRecord)
            {
                Reads++;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
