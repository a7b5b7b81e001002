using System.Globalization;
using System.Text;

namespace Wiber.Chaos.Server.Json;

/// <summary>
/// Compact JSON written byte-for-byte as Go's encoding/json writes it: HTML characters escaped as
/// <c>\u003c</c>, lower-case hex, float32 in Go's shortest form. Keys are written in the order the caller
/// writes them, which is how toxiproxy's field order is reproduced.
/// </summary>
internal sealed class GoJsonWriter
{
    private const string Hex = "0123456789abcdef";
    private readonly StringBuilder _text = new();
    private bool _needComma;

    public GoJsonWriter StartObject() => Open('{');

    public GoJsonWriter EndObject() => Close('}');

    public GoJsonWriter StartArray() => Open('[');

    public GoJsonWriter EndArray() => Close(']');

    public GoJsonWriter Key(string name)
    {
        Separate();
        AppendString(name);
        _text.Append(':');
        _needComma = false;
        return this;
    }

    public GoJsonWriter String(string value)
    {
        Separate();
        AppendString(value);
        _needComma = true;
        return this;
    }

    public GoJsonWriter Number(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public GoJsonWriter Float32(float value) => Raw(FormatFloat32(value));

    public GoJsonWriter Bool(bool value) => Raw(value ? "true" : "false");

    public GoJsonWriter Null() => Raw("null");

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

    public override string ToString() => _text.ToString();

    /// <summary>
    /// Go's float32 encoding: shortest round-trip digits, positional for 1e-6 ≤ |x| &lt; 1e21, otherwise
    /// exponent form with at least one exponent digit (<c>1e-07</c> becomes <c>1e-7</c>).
    /// </summary>
    public static string FormatFloat32(float value)
    {
        if (value == 0)
        {
            return float.IsNegative(value) ? "-0" : "0";
        }
        var abs = Math.Abs(value);
        var (digits, exponent) = ShortestDigits(abs);
        var sign = value < 0 ? "-" : "";
        if (abs < 1e-6f || abs >= 1e21f)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            // Go prints at least two exponent digits, then encoding/json trims "e-07" to "e-7".
            var power = exponent - 1;
            var powerDigits = Math.Abs(power).ToString(CultureInfo.InvariantCulture);
            return sign + mantissa + "e" + (power < 0 ? "-" : "+") + (power >= 0 ? powerDigits.PadLeft(2, '0') : powerDigits);
        }
        if (exponent <= 0)
        {
            return sign + "0." + new string('0', -exponent) + digits;
        }
        if (exponent >= digits.Length)
        {
            return sign + digits + new string('0', exponent - digits.Length);
        }
        return sign + digits[..exponent] + "." + digits[exponent..];
    }

    /// <summary>The shortest decimal digits of a positive float and the position of the decimal point.</summary>
    private static (string Digits, int Exponent) ShortestDigits(float value)
    {
        // .NET's round-trip text is the shortest that round-trips, like Go's; only its layout differs.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits.Length == 0 ? "0" : digits, integerDigits - leadingZeros + exponent);
    }

    private GoJsonWriter Open(char bracket)
    {
        Separate();
        _text.Append(bracket);
        _needComma = false;
        return this;
    }

    private GoJsonWriter Close(char bracket)
    {
        _text.Append(bracket);
        _needComma = true;
        return this;
    }

    private GoJsonWriter Raw(string token)
    {
        Separate();
        _text.Append(token);
        _needComma = true;
        return this;
    }

    private void Separate()
    {
        if (_needComma)
        {
            _text.Append(',');
        }
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                case '\b': _text.Append("\\b"); break;
                case '\f': _text.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    AppendUnicodeEscape(c);
                    break;
                default:
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
                    {
                        _text.Append("\\ufffd"); // Go replaces invalid UTF-8 the same way
                    }
                    else
                    {
                        _text.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            _text.Append(value[++i]);
                        }
                    }
                    break;
            }
        }
        _text.Append('"');
    }

    private void AppendUnicodeEscape(char c) =>
        _text.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
}
