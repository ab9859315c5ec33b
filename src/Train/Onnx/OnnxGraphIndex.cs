using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Who produces and who consumes each tensor of a graph, and which tensors are constants (initializers or
/// <c>Constant</c> nodes). The importer follows data flow through it instead of trusting node or tensor names.
/// </summary>
internal sealed class OnnxGraphIndex
{
    private readonly Dictionary<string, List<NodeProto>> _consumers = [];
    private readonly Dictionary<string, TensorProto> _constants = [];

    public OnnxGraphIndex(GraphProto graph, string source)
    {
        Source = source;
        foreach (var initializer in graph.Initializer)
        {
            _constants[initializer.Name] = initializer;
        }

        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && node.Domain.Length == 0)
            {
                var value = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
                if (value is not null && node.Output.Count == 1)
                {
                    _constants[node.Output[0]] = value;
                }

                continue;
            }

            foreach (string input in node.Input.Where(i => i.Length > 0).Distinct())
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        GraphInputs = [.. graph.Input.Where(i => !_constants.ContainsKey(i.Name))];
        GraphOutputs = [.. graph.Output.Select(o => o.Name)];
    }

    /// <summary>The file, for error messages.</summary>
    public string Source { get; }

    /// <summary>Graph inputs that are not initializers: the data inputs.</summary>
    public IReadOnlyList<ValueInfoProto> GraphInputs { get; }

    /// <summary>Names of the graph outputs.</summary>
    public IReadOnlyList<string> GraphOutputs { get; }

    /// <summary>The nodes reading a tensor (Constant nodes excluded).</summary>
    public IReadOnlyList<NodeProto> Consumers(string tensor) => _consumers.TryGetValue(tensor, out var list) ? list : [];

    /// <summary>The only consumer of a tensor when there is exactly one and it has the given operator type.</summary>
    public NodeProto? SoleConsumer(string tensor, string opType) =>
        Consumers(tensor) is [var node] && node.OpType == opType && node.Domain.Length == 0 ? node : null;

    /// <summary>A constant tensor by name, or null when the tensor is computed.</summary>
    public TensorProto? Constant(string name) => _constants.GetValueOrDefault(name);

    /// <summary>The float values of a node input that must be constant.</summary>
    public float[] ConstantFloats(NodeProto node, int input, string what)
    {
        var tensor = input < node.Input.Count && node.Input[input].Length > 0 ? Constant(node.Input[input]) : null;
        return tensor is null
            ? throw new InvalidDataException($"{Source}: the {what} of {Describe(node)} is not a constant in the file.")
            : OnnxTensors.ReadFloats(tensor, Source);
    }

    /// <summary>The dims of a node input that must be constant.</summary>
    public long[] ConstantDims(NodeProto node, int input)
    {
        var tensor = input < node.Input.Count ? Constant(node.Input[input]) : null;
        return tensor is null
            ? throw new InvalidDataException($"{Source}: input {input} of {Describe(node)} is not a constant in the file.")
            : [.. tensor.Dims];
    }

    /// <summary>"Conv node 'name'" for messages; nodes without a name are described by their first output.</summary>
    public static string Describe(NodeProto node) =>
        $"{node.OpType} node '{(node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "?")}'";

    /// <summary>An integer-list attribute, or the default when absent.</summary>
    public static long[] Ints(NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? [.. attribute.Ints] : fallback;

    /// <summary>An integer attribute, or the default when absent.</summary>
    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { HasI: true } attribute ? attribute.I : fallback;

    /// <summary>A float attribute, or the default when absent.</summary>
    public static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { HasF: true } attribute ? attribute.F : fallback;
}
