namespace Wiber.Lab.Dashboard.Requests;

/// <summary>
/// <c>POST /cluster/start</c>: the options of <c>wiber lab up</c>, every one optional:
/// <c>{"nodes": 3, "fast": true, "fsync": "always", "backend": "process", "port_base": 0, "toxiproxy": null}</c>.
/// Ranges (nodes 1..9, port_base 0..65000) are checked by <see cref="LabUpOptions.Validate"/>, in the CLI's words.
/// </summary>
public static class StartRequest
{
    public static readonly string[] Fields = ["nodes", "fast", "fsync", "backend", "port_base", "toxiproxy"];

    public static LabUpOptions Parse(ReadOnlySpan<byte> body)
    {
        var json = JsonRequest.Parse(body, Fields);
        var defaults = new LabUpOptions();
        var options = new LabUpOptions
        {
            Nodes = (int)Math.Clamp(json.Integer("nodes") ?? defaults.Nodes, int.MinValue, int.MaxValue),
            PortBase = (int)Math.Clamp(json.Integer("port_base") ?? defaults.PortBase, int.MinValue, int.MaxValue),
            Timings = json.Bool("fast") == true ? LabTimings.Fast : LabTimings.Default,
            Fsync = json.String("fsync") ?? defaults.Fsync,
            Backend = json.String("backend") ?? defaults.Backend,
            Toxiproxy = LabUpOptions.ParseToxiproxy(json.String("toxiproxy")),
        };
        options.Validate();
        return options;
    }
}
