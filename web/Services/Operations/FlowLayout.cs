using Plan2.Abstractions.Flows;

namespace Plan2.Web.Services.Operations;

/// <summary>Where each node of the flow diagram starts: one column per kind in flow order, nodes stacked in each.</summary>
public static class FlowLayout
{
    public static readonly string[] Columns = ["feed", "instrument", "predictor", "strategy", "account", "venue"];
    public const double ColumnWidth = 240, RowHeight = 96, Margin = 20;

    public static IReadOnlyDictionary<string, (double X, double Y)> Place(IReadOnlyList<FlowNodeView> nodes)
    {
        var placed = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var column in nodes.GroupBy(n => n.Kind))
        {
            var x = Margin + Math.Max(0, Array.IndexOf(Columns, column.Key)) * ColumnWidth;
            var row = 0;
            foreach (var node in column)
                placed[node.Id] = (x, Margin + row++ * RowHeight);
        }
        return placed;
    }

    public static string Title(FlowNodeView node) => node.Detail is null ? node.Label : $"{node.Label} · {node.Detail}";
}
