using System.Text;
using Wiber.Chaos.Server.Proxies;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Json;

/// <summary>
/// The response bodies, shaped exactly as toxiproxy 2.12 writes them (key order, compact, no trailing newline
/// except where upstream has one).
/// </summary>
internal static class ApiJson
{
    /// <summary>The version we claim: the toxiproxy release whose API this server reproduces.</summary>
    public const string CompatibleVersion = "2.12.0";

    /// <summary><c>{"attributes":{…},"name":…,"type":…,"stream":…,"toxicity":…}</c>, attributes all present, in type order.</summary>
    public static void WriteToxic(GoJsonWriter json, ToxicDefinition toxic)
    {
        json.StartObject().Key("attributes").StartObject();
        for (var i = 0; i < toxic.Type.Attributes.Count; i++)
        {
            json.Key(toxic.Type.Attributes[i]).Number(toxic.Attributes[i]);
        }
        json.EndObject()
            .Key("name").String(toxic.Name)
            .Key("type").String(toxic.Type.Name)
            .Key("stream").String(toxic.Stream)
            .Key("toxicity").Float32(toxic.Toxicity)
            .EndObject();
    }

    /// <summary>
    /// <c>{"name","listen","upstream","enabled","Logger":{},"toxics":[…]}</c>. <c>"Logger":{}</c> is an internal
    /// field the real server leaks; it is kept so the output is byte-identical.
    /// </summary>
    public static void WriteProxy(GoJsonWriter json, ProxySnapshot proxy)
    {
        json.StartObject()
            .Key("name").String(proxy.Name)
            .Key("listen").String(proxy.Listen)
            .Key("upstream").String(proxy.Upstream)
            .Key("enabled").Bool(proxy.Enabled)
            .Key("Logger").StartObject().EndObject()
            .Key("toxics");
        WriteToxicArray(json, proxy.Toxics);
        json.EndObject();
    }

    public static byte[] Proxy(ProxySnapshot proxy)
    {
        var json = new GoJsonWriter();
        WriteProxy(json, proxy);
        return json.ToUtf8();
    }

    /// <summary>GET /proxies: an object keyed by name, keys in byte order as Go sorts map keys.</summary>
    public static byte[] ProxyMap(IEnumerable<ProxySnapshot> proxies)
    {
        var json = new GoJsonWriter().StartObject();
        foreach (var proxy in proxies.OrderBy(p => p.Name, Utf8Order.Instance))
        {
            json.Key(proxy.Name);
            WriteProxy(json, proxy);
        }
        return json.EndObject().ToUtf8();
    }

    public static byte[] Toxic(ToxicDefinition toxic)
    {
        var json = new GoJsonWriter();
        WriteToxic(json, toxic);
        return json.ToUtf8();
    }

    public static byte[] Toxics(IReadOnlyList<ToxicDefinition> toxics)
    {
        var json = new GoJsonWriter();
        WriteToxicArray(json, toxics);
        return json.ToUtf8();
    }

    /// <summary>
    /// POST /populate: <c>{"proxies":[…]}</c> (<c>null</c> when none were handled); on failure the error and
    /// status come first: <c>{"error":…,"status":S,"proxies":…}</c>.
    /// </summary>
    public static byte[] Populate(IReadOnlyList<ProxySnapshot> proxies, ApiException? error)
    {
        var json = new GoJsonWriter().StartObject();
        if (error is not null)
        {
            json.Key("error").String(error.Message).Key("status").Number(error.Status);
        }
        json.Key("proxies");
        if (proxies.Count == 0)
        {
            json.Null();
        }
        else
        {
            json.StartArray();
            foreach (var proxy in proxies)
            {
                WriteProxy(json, proxy);
            }
            json.EndArray();
        }
        return json.EndObject().ToUtf8();
    }

    /// <summary><c>{"error":"…","status":S}</c> plus the newline Go's http.Error appends.</summary>
    public static byte[] Error(ApiException error)
    {
        var json = new GoJsonWriter().StartObject()
            .Key("error").String(error.Message)
            .Key("status").Number(error.Status)
            .EndObject();
        return Encoding.UTF8.GetBytes(json + "\n");
    }

    /// <summary>Upstream formats this one by hand: a space after the colon and a trailing newline.</summary>
    public static byte[] Version() => Encoding.UTF8.GetBytes("{\"version\": \"" + CompatibleVersion + "\"}\n");

    private static void WriteToxicArray(GoJsonWriter json, IReadOnlyList<ToxicDefinition> toxics)
    {
        json.StartArray();
        foreach (var toxic in toxics)
        {
            WriteToxic(json, toxic);
        }
        json.EndArray();
    }

    /// <summary>Go compares map keys as UTF-8 bytes, which differs from UTF-16 order above the BMP.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
