using System;
using System.Runtime.InteropServices;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Onnx
{
    /// <summary>
    /// Serialises a one-node ONNX model, <c>y = Conv(x, W, B)</c>, with W and B as initializers (constants, so ONNX Runtime
    /// may pre-pack them, as it would for a real exported model) and x, y of fixed shape.
    /// </summary>
    public static class OnnxConvModel
    {
        /// <summary>Name of the graph input.</summary>
        public const string InputName = "x";
        /// <summary>Name of the graph output.</summary>
        public const string OutputName = "y";

        // onnx.proto field numbers used below.
        private const int ModelIrVersion = 1, ModelProducerName = 2, ModelGraph = 7, ModelOpsetImport = 8;
        private const int OpsetVersion = 2;
        private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
        private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
        private const int AttrName = 1, AttrI = 3, AttrInts = 8, AttrType = 20, AttrTypeInt = 2, AttrTypeInts = 7;
        private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9, DataTypeFloat = 1;
        private const int ValueInfoName = 1, ValueInfoType = 2, TypeTensorType = 1, TensorTypeElemType = 1, TensorTypeShape = 2;
        private const int ShapeDim = 1, DimValue = 1;

        /// <summary>IR version 8 with opset 17: old enough for any recent ONNX Runtime, new enough for Conv as used here.</summary>
        public static byte[] Build(BenchShape s, float[] weight, float[] bias)
        {
            long[] xShape = [s.Batch, s.InChannels, s.Height, s.Width];
            long[] yShape = [s.Batch, s.OutChannels, s.OutputHeight, s.OutputWidth];
            long[] wShape = [s.OutChannels, s.InChannels / s.Groups, s.Kernel, s.Kernel];
            return new ProtoWriter()
                .Varint(ModelIrVersion, 8)
                .String(ModelProducerName, "ConvGen.Benchmarks")
                .Message(ModelOpsetImport, o => o.Varint(OpsetVersion, 17))
                .Message(ModelGraph, g => g
                    .Message(GraphNode, n => n
                        .String(NodeInput, InputName).String(NodeInput, "W").String(NodeInput, "B")
                        .String(NodeOutput, OutputName)
                        .String(NodeName, "conv")
                        .String(NodeOpType, "Conv")
                        .Message(NodeAttribute, a => Ints(a, "kernel_shape", [s.Kernel, s.Kernel]))
                        .Message(NodeAttribute, a => Ints(a, "strides", [s.Stride, s.Stride]))
                        .Message(NodeAttribute, a => Ints(a, "pads", [s.Pad, s.Pad, s.Pad, s.Pad])) // top, left, bottom, right
                        .Message(NodeAttribute, a => Ints(a, "dilations", [1, 1]))
                        .Message(NodeAttribute, a => a.String(AttrName, "group").Varint(AttrI, s.Groups).Varint(AttrType, AttrTypeInt)))
                    .String(GraphName, "conv2d")
                    .Message(GraphInitializer, t => Tensor(t, "W", wShape, weight))
                    .Message(GraphInitializer, t => Tensor(t, "B", [s.OutChannels], bias))
                    .Message(GraphInput, v => ValueInfo(v, InputName, xShape))
                    .Message(GraphOutput, v => ValueInfo(v, OutputName, yShape)))
                .ToArray();
        }

        private static void Ints(ProtoWriter a, string name, long[] values)
            => a.String(AttrName, name).PackedVarints(AttrInts, values).Varint(AttrType, AttrTypeInts);

        private static void Tensor(ProtoWriter t, string name, long[] dims, float[] values)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian.");
            t.PackedVarints(TensorDims, dims).Varint(TensorDataType, DataTypeFloat).String(TensorName, name)
             .Bytes(TensorRawData, MemoryMarshal.AsBytes(values.AsSpan()));
        }

        private static void ValueInfo(ProtoWriter v, string name, long[] shape)
            => v.String(ValueInfoName, name).Message(ValueInfoType, type => type
                .Message(TypeTensorType, tt => tt
                    .Varint(TensorTypeElemType, DataTypeFloat)
                    .Message(TensorTypeShape, sh =>
                    {
                        foreach (long d in shape) sh.Message(ShapeDim, dim => dim.Varint(DimValue, d));
                    })));
    }
}
