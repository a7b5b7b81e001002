using System.Net;
using System.Text;

namespace Wiber.Checker;

/// <summary>
/// A single HTML page with the timeline SVG inline and the text summary under it: no scripts, no
/// external styles or fonts, so it opens from a CI artifact or an e-mail as it is.
/// </summary>
public static class TimelineHtml
{
    public static string Render(History history, CheckResult result, TimelineOptions? options = null)
    {
        options ??= TimelineOptions.Default;
        var svg = TimelineSvg.Render(history, result, options);
        var title = WebUtility.HtmlEncode(options.Title);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n");
        html.Append("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(title).Append("</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:16px;color:#222}pre{background:#f6f6f6;padding:8px;overflow-x:auto}</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append("<h1>").Append(title).Append("</h1>\n");
        html.Append(svg);
        html.Append("<pre id=\"summary\">").Append(WebUtility.HtmlEncode(CheckSummaryText.Format(result))).Append("</pre>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static void Write(TextWriter writer, History history, CheckResult result, TimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(history, result, options));
    }
}
