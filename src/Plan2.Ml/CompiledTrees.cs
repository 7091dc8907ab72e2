using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Onnx;

namespace Plan2.Ml;

/// <summary>
/// A served tree model's graph scored in managed code: one <c>TreeEnsembleRegressor</c> (one target, summed, no post
/// transform, every branch the same comparison) read by a chain of scalar <c>Mul</c>, <c>Add</c>, <c>Sigmoid</c> and
/// <c>Identity</c>, the graphs our LightGBM, random forest (ML.NET) and XGBoost exporters write. On real EURUSD rows in
/// 256-row calls ONNX Runtime's tree kernel took 1.09 µs a row for LightGBM, 0.57 for XGBoost and 1.59 for the random
/// forest; walking a block of rows one tree level at a time (steps that do not wait on each other, no branch on the
/// comparison) takes 0.94, 0.30 and 0.95. The arithmetic is ONNX Runtime's: float comparisons, leaf weights summed in float
/// in tree order from zero (bit for bit the same sums, tested), then the base value and the chain, each in float; only
/// the sigmoid is computed in double and rounded, where ONNX Runtime uses an approximation (within 1.2e-7, tested).
/// Any other graph gives null and is served by ONNX Runtime as it is.
/// </summary>
public sealed class CompiledTrees
{
    // Every node, leaves too, as one 16-byte record: a step reads one record and one input value. A leaf points to itself
    // both ways and keeps its weight where a branch keeps its threshold, so a walk may take more steps than its path without
    // a test per step: each tree is walked exactly as many steps as its deepest leaf lies below the root.
    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Feature;
        public float Value; // a branch's threshold, a leaf's weight
        public int Holds;   // the child when the comparison holds
        public int Fails;   // the child otherwise (and for NaN)
    }

    private const int NodeBytes = 16;
    private const int MaxDepth = 64; // ours reach 11; every row walks a tree as deep as its deepest leaf
    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly bool _strict; // BRANCH_LT (x < t); otherwise BRANCH_LEQ (x <= t)
    private readonly float _base;
    private readonly (string Op, float Value)[] _chain;

    private CompiledTrees(Node[] nodes, int[] roots, int[] depths, bool strict, float @base, (string, float)[] chain, int features)
    {
        (_strict, _base, _chain) = (strict, @base, chain);
        // Indexes become byte offsets (a node 16 bytes, an input 4), so that a step adds them without scaling them.
        _nodes = [.. nodes.Select(n => new Node { Feature = n.Feature * sizeof(float), Value = n.Value, Holds = n.Holds * NodeBytes, Fails = n.Fails * NodeBytes })];
        _roots = [.. roots.Select(r => r * NodeBytes)];
        _depths = depths;
        Features = features;
    }

    /// <summary>Columns a row must have: one more than the highest the trees read.</summary>
    public int Features { get; }

    public int Trees => _roots.Length;

    /// <summary>Scores <paramref name="rows"/> (row-major, <paramref name="width"/> values a row) into <paramref name="output"/>, one value a row.</summary>
    public void Score(ReadOnlySpan<float> rows, int width, Span<float> output)
    {
        if (width < Features || rows.Length < output.Length * width)
            throw new ArgumentException($"{output.Length} rows of {width} values cannot feed trees reading {Features} columns.", nameof(rows));
        if (_strict)
            Sum<LessThan>(rows, width, output);
        else
            Sum<AtMost>(rows, width, output);
        for (var i = 0; i < output.Length; i++)
            output[i] = Finish(output[i]);
    }

    private interface IComparison { static abstract bool Fails(float x, float threshold); }
    private struct AtMost : IComparison { public static bool Fails(float x, float threshold) => !(x <= threshold); }
    private struct LessThan : IComparison { public static bool Fails(float x, float threshold) => !(x < threshold); }

    // Rows a block: each tree is walked one level at a time across the block's rows, whose steps do not wait on each
    // other (a row's walk is a chain of dependent loads; one row at a time, the core would mostly wait on them).
    private const int Block = 64;

    // Bounds were checked once: rows against Features above, children and roots when compiled.
    private void Sum<T>(ReadOnlySpan<float> rows, int width, Span<float> sums) where T : struct, IComparison
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        Span<int> at = stackalloc int[Block];
        for (var start = 0; start < sums.Length; start += Block)
        {
            var n = Math.Min(Block, sums.Length - start);
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), start * width);
            var block = sums.Slice(start, n);
            block.Clear();
            for (var t = 0; t < _roots.Length; t++)
            {
                at[..n].Fill(_roots[t]);
                for (var d = _depths[t]; d > 0; d--)
                {
                    ref var row = ref first;
                    ref var node = ref MemoryMarshal.GetReference(at);
                    for (var r = 0; r < n; r++, row = ref Unsafe.Add(ref row, width), node = ref Unsafe.Add(ref node, 1))
                        node = Step<T>(ref nodes, node, ref row);
                }
                for (var r = 0; r < n; r++)
                    block[r] += At(ref nodes, at[r]).Value;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step<T>(ref Node nodes, int offset, ref float row) where T : struct, IComparison
    {
        ref var node = ref At(ref nodes, offset);
        var x = Unsafe.As<byte, float>(ref Unsafe.AddByteOffset(ref Unsafe.As<float, byte>(ref row), (nuint)(uint)node.Feature));
        return Unsafe.Add(ref node.Holds, T.Fails(x, node.Value) ? 1 : 0); // Holds, then Fails: a flag, not a branch on the comparison
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Node At(ref Node nodes, int offset) =>
        ref Unsafe.As<byte, Node>(ref Unsafe.AddByteOffset(ref Unsafe.As<Node, byte>(ref nodes), (nuint)(uint)offset));

    private float Finish(float sum)
    {
        var value = sum + _base;
        foreach (var (op, operand) in _chain)
            value = op switch
            {
                "Mul" => value * operand,
                "Add" => value + operand,
                "Sigmoid" => (float)(1.0 / (1.0 + Math.Exp(-(double)value))),
                _ => value,
            };
        return value;
    }

    /// <summary>The compiled form of <paramref name="graph"/> (input to <paramref name="output"/>), or null when it is not such a graph.</summary>
    public static CompiledTrees? TryCompile(GraphProto graph, string output)
    {
        if (graph.Input.Count != 1 || graph.Node.Count == 0 || ServedGraph.HasSubgraphs(graph))
            return null;
        var ensemble = graph.Node[0];
        if (ensemble is not { OpType: "TreeEnsembleRegressor", Domain: "ai.onnx.ml" } || ensemble.Input is not [var input] || input != graph.Input[0].Name
            || ensemble.Output.Count != 1)
            return null;
        var chain = new List<(string, float)>();
        var value = ensemble.Output[0];
        foreach (var node in graph.Node.Skip(1))
        {
            if (node.Output.Count != 1 || node.Input.Count == 0 || node.Input[0] != value)
                return null;
            switch (node.OpType)
            {
                case "Sigmoid" or "Identity" when node.Input.Count == 1:
                    chain.Add((node.OpType, 0f));
                    break;
                case "Mul" or "Add" when node.Input.Count == 2 && Scalar(graph, node.Input[1]) is { } operand:
                    chain.Add((node.OpType, operand));
                    break;
                default:
                    return null;
            }
            value = node.Output[0];
        }
        return value == output ? FromAttributes(ensemble, [.. chain]) : null;
    }

    private static float? Scalar(GraphProto graph, string name) =>
        graph.Initializer.FirstOrDefault(t => t.Name == name) is { DataType: (int)TensorProto.Types.DataType.Float } t
        && t.Dims.Aggregate(1L, (a, d) => a * d) == 1
            ? t.FloatData.Count == 1 ? t.FloatData[0] : t.RawData.Length == 4 ? BitConverter.ToSingle(t.RawData.Span) : null
            : null;

    private static CompiledTrees? FromAttributes(NodeProto ensemble, (string, float)[] chain)
    {
        var a = ensemble.Attribute.ToDictionary(x => x.Name);
        string Text(string name, string fallback) => a.TryGetValue(name, out var x) ? x.S.ToStringUtf8() : fallback;
        if (Text("aggregate_function", "SUM") != "SUM" || Text("post_transform", "NONE") != "NONE"
            || (a.TryGetValue("n_targets", out var targets) && targets.I != 1)
            || a.Keys.Any(k => k.EndsWith("_as_tensor", StringComparison.Ordinal) || k == "base_values_as_tensor"))
            return null;
        var treeIds = Ints(a, "nodes_treeids");
        var nodeIds = Ints(a, "nodes_nodeids");
        var features = Ints(a, "nodes_featureids");
        var trueIds = Ints(a, "nodes_truenodeids");
        var falseIds = Ints(a, "nodes_falsenodeids");
        var values = a.TryGetValue("nodes_values", out var v) ? v.Floats.ToArray() : [];
        var modes = a.TryGetValue("nodes_modes", out var m) ? m.Strings.Select(s => s.ToStringUtf8()).ToArray() : [];
        var missing = a.TryGetValue("nodes_missing_value_tracks_true", out var mv) ? mv.Ints.ToArray() : [];
        var count = treeIds.Length;
        if (count == 0 || count > 1_000_000 || new[] { nodeIds.Length, features.Length, trueIds.Length, falseIds.Length, values.Length, modes.Length }.Any(n => n != count)
            || (missing.Length != 0 && missing.Length != count))
            return null;
        var branches = modes.Where(x => x != "LEAF").Distinct().ToArray();
        if (branches.Length > 1 || branches.Any(x => x is not ("BRANCH_LEQ" or "BRANCH_LT")))
            return null;

        var index = new Dictionary<(long Tree, long Node), int>(count);
        for (var i = 0; i < count; i++)
            if (!index.TryAdd((treeIds[i], nodeIds[i]), i))
                return null;
        // Leaves: each with its one weight for target 0.
        var leafOf = new Dictionary<int, int>();
        var leaves = new List<float>();
        var (tTrees, tNodes, tIds) = (Ints(a, "target_treeids"), Ints(a, "target_nodeids"), Ints(a, "target_ids"));
        var weights = a.TryGetValue("target_weights", out var w) ? w.Floats.ToArray() : [];
        if (tTrees.Length != tNodes.Length || tTrees.Length != tIds.Length || tTrees.Length != weights.Length)
            return null;
        for (var i = 0; i < tTrees.Length; i++)
        {
            if (tIds[i] != 0 || !index.TryGetValue((tTrees[i], tNodes[i]), out var node) || modes[node] != "LEAF")
                return null;
            if (!leafOf.TryAdd(node, leaves.Count))
                return null; // two weights for one leaf: ONNX Runtime reads one of them; not written by our exporters
            leaves.Add(weights[i]);
        }

        if (missing.Any(x => x != 0))
            return null; // NaN down the "holds" side: not written by our exporters, left to ONNX Runtime

        var nodes = new Node[count];
        for (var i = 0; i < count; i++)
        {
            if (modes[i] == "LEAF")
            {
                if (!leafOf.TryGetValue(i, out var leaf))
                    return null; // a leaf without a weight for target 0: not a graph of ours
                nodes[i] = new Node { Feature = 0, Value = leaves[leaf], Holds = i, Fails = i };
                continue;
            }
            if (!index.TryGetValue((treeIds[i], trueIds[i]), out var holds) || !index.TryGetValue((treeIds[i], falseIds[i]), out var fails)
                || features[i] < 0 || features[i] > 100_000)
                return null;
            nodes[i] = new Node { Feature = (int)features[i], Value = values[i], Holds = holds, Fails = fails };
        }
        // Roots in tree order (the order ONNX Runtime sums in): per tree, its one node no other node points to.
        var referenced = new HashSet<int>();
        for (var i = 0; i < count; i++)
            if (nodes[i].Holds != i && !(referenced.Add(nodes[i].Holds) && referenced.Add(nodes[i].Fails)))
                return null; // a node with two parents: not a tree
        var roots = new List<int>();
        var depths = new List<int>();
        foreach (var tree in treeIds.Distinct())
        {
            var found = Enumerable.Range(0, count).Where(i => treeIds[i] == tree && !referenced.Contains(i)).ToArray();
            var reached = 0;
            if (found is not [var root] || Depth(nodes, root, 0, ref reached) is not (>= 0 and var depth) || reached != treeIds.Count(id => id == tree))
                return null; // a cycle, or nodes the root never reaches
            roots.Add(root);
            depths.Add(depth);
        }
        var baseValue = a.TryGetValue("base_values", out var b) ? b.Floats switch { [] => 0f, [var only] => only, _ => float.NaN } : 0f;
        if (float.IsNaN(baseValue))
            return null;
        var highest = nodes.Max(n => n.Feature);
        return new CompiledTrees(nodes, [.. roots], [.. depths], branches is ["BRANCH_LT"], baseValue, chain, highest + 1);
    }

    /// <summary>Steps from <paramref name="node"/> to its deepest leaf, or -1 beyond <see cref="MaxDepth"/> (a cycle, or a tree walked better by ONNX Runtime); counts the nodes it reaches.</summary>
    private static int Depth(Node[] nodes, int node, int level, ref int reached)
    {
        if (level > MaxDepth)
            return -1;
        reached++;
        ref var n = ref nodes[node];
        if (n.Holds == node && n.Fails == node)
            return 0;
        var (holds, fails) = (Depth(nodes, n.Holds, level + 1, ref reached), Depth(nodes, n.Fails, level + 1, ref reached));
        return holds < 0 || fails < 0 ? -1 : 1 + Math.Max(holds, fails);
    }

    private static long[] Ints(Dictionary<string, AttributeProto> a, string name) => a.TryGetValue(name, out var x) ? x.Ints.ToArray() : [];
}
