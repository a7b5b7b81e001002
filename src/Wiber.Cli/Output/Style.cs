namespace Wiber.Cli.Output;

/// <summary>The few colours the CLI uses, as ANSI SGR codes; <see cref="Style.None"/> prints text as it is.</summary>
internal enum Style
{
    None,
    Bold,
    Green,
    Yellow,
    Red,
    Dim,
}

internal static class StyleExtensions
{
    /// <summary>The text wrapped in the style's escape codes, or the text itself when colour is off.</summary>
    public static string Paint(this Style style, string text, bool color) => !color || style == Style.None
        ? text
        : $"\u001b[{Code(style)}m{text}\u001b[0m";

    private static string Code(Style style) => style switch
    {
        Style.Bold => "1",
        Style.Green => "32",
        Style.Yellow => "33",
        Style.Red => "31",
        Style.Dim => "2",
        _ => "0",
    };
}
