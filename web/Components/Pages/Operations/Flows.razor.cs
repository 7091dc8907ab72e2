using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plan2.Abstractions.Flows;
using Plan2.Web.Services.Operations;

namespace Plan2.Web.Components.Pages.Operations;

/// <summary>
/// The flow registry drawn with Z.Blazor.Diagrams. Nodes are kept across refreshes (a node the user moved
/// stays where they put it); only nodes and links that appeared or went are added or removed.
/// </summary>
public partial class Flows
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);
    private readonly BlazorDiagram _diagram = new(new Blazor.Diagrams.Options.BlazorDiagramOptions { AllowMultiSelection = false });
    private readonly Dictionary<string, NodeModel> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), LinkModel> _links = [];
    private FlowGraphView? _graph;
    private string? _error;
    private Timer? _timer;
    private bool _fitted;

    [Inject] private FlowService Registry { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    /// <summary>The diagram library's styles and script, loaded by this page only (every other page starts faster without them).</summary>
    private static readonly string[] LibraryStyles = ["_content/Z.Blazor.Diagrams/style.min.css", "_content/Z.Blazor.Diagrams/default.styles.min.css"];
    private static readonly string[] LibraryScripts = ["_content/Z.Blazor.Diagrams/script.min.js"];
    private bool _libraryLoaded;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !Registry.Allowed)
            return;
        await Js.InvokeVoidAsync("plan2.loadAssets", LibraryStyles, LibraryScripts);
        _libraryLoaded = true;
        StateHasChanged();
    }

    protected override async Task OnInitializedAsync()
    {
        if (!Registry.Allowed)
            return;
        await RefreshAsync();
        _timer = new Timer(_ => InvokeAsync(async () => { await RefreshAsync(); FitOnce(); StateHasChanged(); }), null, RefreshEvery, RefreshEvery);
    }

    private async Task RefreshAsync()
    {
        try
        {
            _graph = await Registry.GetAsync();
            _error = null;
            if (_graph is not null)
                _diagram.Batch(() => Apply(_graph));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
        }
    }

    private void Apply(FlowGraphView graph)
    {
        var places = FlowLayout.Place(graph.Nodes);
        var wanted = graph.Edges.Select(e => (e.From, e.To)).ToHashSet();
        foreach (var gone in _links.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            _diagram.Links.Remove(_links[gone]);
            _links.Remove(gone);
        }
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _nodes.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _diagram.Nodes.Remove(_nodes[gone]);
            _nodes.Remove(gone);
        }
        foreach (var node in graph.Nodes)
        {
            if (_nodes.TryGetValue(node.Id, out var model))
            {
                model.Title = FlowLayout.Title(node); // a feed's rate changes
                model.Refresh();
                continue;
            }
            var (x, y) = places[node.Id];
            var added = new NodeModel(node.Id, new Point(x, y)) { Title = FlowLayout.Title(node) };
            added.AddPort(PortAlignment.Left);
            added.AddPort(PortAlignment.Right);
            _nodes[node.Id] = _diagram.Nodes.Add(added);
        }
        // Out of a box's right side, into the next one's left: anchored on the boxes' shapes, a link took the side facing
        // the other box's centre and cut through a neighbour on the way (replay to USDCHF crossed USDCAD).
        foreach (var edge in wanted.Where(e => !_links.ContainsKey(e)))
            _links[edge] = _diagram.Links.Add(new LinkModel(_nodes[edge.Item1].GetPort(PortAlignment.Right)!, _nodes[edge.Item2].GetPort(PortAlignment.Left)!)
            {
                TargetMarker = LinkMarker.Arrow,
            });
    }

    /// <summary>
    /// Once, when the box and every drawn node have been measured: a graph wider or taller than its box is zoomed out to
    /// fit (six columns did not fit 1,366 px: the venues were off the right edge); one that fits is left at full size.
    /// </summary>
    private void FitOnce()
    {
        if (_fitted || _diagram.Container is not { Width: > 0, Height: > 0 } box || _nodes.Count == 0 || _nodes.Values.Any(n => n.Size is null))
            return;
        _fitted = true;
        var right = _nodes.Values.Max(n => n.Position.X + n.Size!.Width) + FlowLayout.Margin;
        var bottom = _nodes.Values.Max(n => n.Position.Y + n.Size!.Height) + FlowLayout.Margin;
        if (right > box.Width || bottom > box.Height)
            _diagram.ZoomToFit(FlowLayout.Margin);
    }

    private int Count(string kind) => _graph?.Nodes.Count(n => n.Kind == kind) ?? 0;

    private int Hidden(string kind) => _graph?.Hidden.GetValueOrDefault(kind) ?? 0;

    public void Dispose() => _timer?.Dispose();
}
