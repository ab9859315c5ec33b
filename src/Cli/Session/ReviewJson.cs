using System.Text.Json.Serialization;

namespace LiveClassify.Cli.Session;

/// <summary>Source-generated JSON for review records (camelCase, indented for people reading the folder).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ReviewRecord))]
internal sealed partial class ReviewJson : JsonSerializerContext;
