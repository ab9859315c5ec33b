using System.Runtime.InteropServices;
using Google.Protobuf;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>Float tensors to and from <see cref="TensorProto"/>: raw little-endian data, as PyTorch writes them.</summary>
internal static class OnnxTensors
{
    private const int ExternalDataLocation = 1;

    /// <summary>The values of a float tensor, from <c>raw_data</c> or <c>float_data</c>.</summary>
    /// <exception cref="InvalidDataException">The tensor is not float, is stored outside the file or has the wrong count.</exception>
    public static float[] ReadFloats(TensorProto tensor, string source)
    {
        string name = string.IsNullOrEmpty(tensor.Name) ? "(unnamed)" : tensor.Name;
        if (tensor.DataLocation == ExternalDataLocation)
        {
            throw new InvalidDataException($"{source}: tensor {name} is stored in an external file, which is not supported: save the model with its weights inside.");
        }

        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"{source}: tensor {name} has element type {(TensorProto.Types.DataType)tensor.DataType}; expected float.");
        }

        long count = tensor.Dims.Aggregate(1L, (product, dim) => product * dim);
        float[] values = tensor.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : [.. tensor.FloatData];
        return values.Length == count
            ? values
            : throw new InvalidDataException($"{source}: tensor {name} has {values.Length} values for shape [{string.Join(",", tensor.Dims)}].");
    }

    /// <summary>A float initializer with raw data.</summary>
    public static TensorProto Create(string name, ReadOnlySpan<float> values, params long[] dims) => new()
    {
        Name = name,
        DataType = (int)TensorProto.Types.DataType.Float,
        Dims = { dims },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
    };

    /// <summary>An int64 initializer (shapes, indices).</summary>
    public static TensorProto CreateInt64(string name, ReadOnlySpan<long> values, params long[] dims) => new()
    {
        Name = name,
        DataType = (int)TensorProto.Types.DataType.Int64,
        Dims = { dims },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
    };
}
