// Draws a Plan2 chart frame (built in C#, ChartFrame) with plotly.js as shipped inside the Plotly.Blazor
// package. Plotly.react with a fixed uirevision keeps the user's zoom and pan across live updates.
const plotlyUrl = "_content/Plotly.Blazor/plotly-3.7.0.min.js";
let loading;

function loadPlotly() {
    if (window.Plotly) return Promise.resolve();
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = plotlyUrl;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error("plotly.js could not be loaded from " + plotlyUrl));
        document.head.appendChild(script);
    });
    return loading;
}

const paneHeight = 0.2, gap = 0.03;

export async function render(element, frame) {
    await loadPlotly();
    const ink = frame.dark ? "#d0d7de" : "#24292f", grid = frame.dark ? "#263040" : "#e6e9ef";
    const x = frame.times;
    const traces = [{
        type: "candlestick", name: frame.symbol, x, open: frame.open, high: frame.high, low: frame.low, close: frame.close,
        increasing: { line: { color: frame.up } }, decreasing: { line: { color: frame.down } }, yaxis: "y",
    }];
    for (const o of frame.overlays)
        traces.push({ type: "scatter", mode: "lines", name: o.name, x, y: o.values, line: { width: 1.2, color: o.color, dash: o.dash }, yaxis: "y", hoverinfo: "skip" });
    if (frame.predictions.length)
        traces.push({
            type: "scatter", mode: "markers", name: "Predictions", x: frame.predictions.map(p => p.time), y: frame.predictions.map(p => p.price),
            text: frame.predictions.map(p => p.text), hoverinfo: "text",
            marker: {
                size: frame.predictions.map(p => p.latest ? 14 : 8), color: frame.predictions.map(p => p.up ? frame.up : frame.down),
                symbol: frame.predictions.map(p => p.up ? "triangle-up" : "triangle-down"), line: { width: frame.predictions.map(p => p.latest ? 2 : 0), color: ink },
            },
        });
    if (frame.patterns.length)
        traces.push({
            type: "scatter", mode: "markers+text", name: "Patterns", x: frame.patterns.map(p => p.time), y: frame.patterns.map(p => p.price),
            text: frame.patterns.map(p => p.label), hovertext: frame.patterns.map(p => p.text), hoverinfo: "text", textposition: "top center",
            textfont: { size: 10, color: ink }, marker: { size: 7, symbol: "diamond", color: "#ffb300" },
        });
    const layout = {
        uirevision: frame.revision, dragmode: "pan", showlegend: true, legend: { orientation: "h", y: 1.08, font: { size: 11 } },
        margin: { l: 10, r: 70, t: 30, b: 30 }, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: ink },
        xaxis: { type: "date", rangeslider: { visible: false }, gridcolor: grid, rangebreaks: frame.weekendBreaks ? [{ bounds: ["sat", "mon"] }] : [] },
        shapes: [], annotations: [],
    };
    const panes = frame.panes.length;
    layout.yaxis = { domain: [panes * paneHeight + (panes ? gap : 0), 1], gridcolor: grid, side: "right", tickformat: frame.priceFormat };
    frame.panes.forEach((pane, i) => {
        const axis = "y" + (i + 2), key = "yaxis" + (i + 2), bottom = (panes - 1 - i) * paneHeight;
        layout[key] = { domain: [bottom, bottom + paneHeight - gap], gridcolor: grid, side: "right", title: { text: pane.name, font: { size: 11 } }, range: pane.range ?? undefined };
        for (const s of pane.series)
            traces.push(s.bars
                ? { type: "bar", name: s.name, x, y: s.values, yaxis: axis, marker: { color: s.values.map(v => v >= 0 ? frame.up : frame.down) }, hoverinfo: "y+name" }
                : { type: "scatter", mode: "lines", name: s.name, x, y: s.values, yaxis: axis, line: { width: 1.2, color: s.color }, hoverinfo: "y+name" });
        for (const level of pane.levels ?? [])
            layout.shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, yref: axis, y0: level, y1: level, line: { width: 1, dash: "dot", color: grid } });
    });
    if (frame.lastBid != null)
        layout.shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: frame.lastBid, y1: frame.lastBid, line: { width: 1, dash: "dash", color: frame.up } });
    await window.Plotly.react(element, traces, layout, { responsive: true, scrollZoom: true, displaylogo: false });
    element.dataset.traces = traces.map(t => t.name).join("|");
    element.dataset.timeframe = frame.timeframe;
    element.dataset.bars = String(x.length);
}

export function dispose(element) {
    if (window.Plotly && element) window.Plotly.purge(element);
}
