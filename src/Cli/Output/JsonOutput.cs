using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Cli.Output;

/// <summary>The `--json` form of commands' results: indented UTF-8 JSON, one document per run.</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The document goes to a terminal or a script, never into HTML: keep '+', '<' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON document built by <paramref name="write"/>, followed by a newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Writes `doctor`'s reports:
    /// <c>{ "ok": bool, "stacks": [ { "name", "required", "working", "facts": { key: value, … }, "problem" } ] }</c>,
    /// where "ok" is false when a required stack is broken and "problem" is null for a working stack.
    /// </summary>
    public static void WriteStackReports(TextWriter output, IReadOnlyList<StackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", !reports.Any(r => r.IsBlocking));
            json.WriteStartArray("stacks");
            foreach (var report in reports)
            {
                json.WriteStartObject();
                json.WriteString("name", report.Name);
                json.WriteBoolean("required", report.Required);
                json.WriteBoolean("working", report.Working);
                json.WriteStartObject("facts");
                foreach (var (key, value) in report.Facts)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteString("problem", report.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
