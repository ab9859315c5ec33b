using System.Runtime.CompilerServices;

// The ONNX protobuf types are internal to Train; the tests build small models with them.
[assembly: InternalsVisibleTo("LiveClassify.Tests")]
