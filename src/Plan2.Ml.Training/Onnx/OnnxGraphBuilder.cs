using Google.Protobuf;
using Onnx;

namespace Plan2.Ml.Training.Onnx;

/// <summary>
/// Builds one ONNX model by hand: typed inputs and outputs, nodes, initializers, and opset imports for the
/// default domain and (optionally) "ai.onnx.ml". Nodes must be added in topological order.
/// </summary>
public sealed class OnnxGraphBuilder(string graphName)
{
    public const string MlDomain = "ai.onnx.ml";

    private readonly GraphProto graph = new() { Name = graphName };

    public OnnxGraphBuilder Input(string name, TensorProto.Types.DataType type, params OnnxDim[] shape)
    {
        graph.Input.Add(ValueInfo(name, type, shape));
        return this;
    }

    public OnnxGraphBuilder Output(string name, TensorProto.Types.DataType type, params OnnxDim[] shape)
    {
        graph.Output.Add(ValueInfo(name, type, shape));
        return this;
    }

    public OnnxGraphBuilder Initializer(TensorProto tensor)
    {
        graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>Adds a node; an empty string in <paramref name="inputs"/> marks an omitted optional input.</summary>
    public OnnxGraphBuilder Node(
        string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "",
        params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Domain = domain, Name = $"{opType}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return this;
    }

    /// <param name="opset">Default-domain opset.</param>
    /// <param name="mlOpset">"ai.onnx.ml" opset, or null when no ML operator is used.</param>
    public ModelProto Build(long opset, long? mlOpset = null, string producer = "Plan2")
    {
        var model = new ModelProto
        {
            IrVersion = IrVersionFor(opset),
            ProducerName = producer,
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        if (mlOpset is { } ml) model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = ml });
        return model;
    }

    public byte[] ToBytes(long opset, long? mlOpset = null) => Build(opset, mlOpset).ToByteArray();

    /// <summary>The lowest IR version that allows the opset, so older runtimes still load the file.</summary>
    private static long IrVersionFor(long opset) => opset switch
    {
        >= 23 => 11,
        >= 21 => 10,
        >= 19 => 9,
        >= 15 => 8,
        _ => 7,
    };

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, OnnxDim[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var d in shape)
        {
            tensorShape.Dim.Add(d.Name is null
                ? new TensorShapeProto.Types.Dimension { DimValue = d.Value }
                : new TensorShapeProto.Types.Dimension { DimParam = d.Name });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
