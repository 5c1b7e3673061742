// The labs' charts (uPlot): axes in the theme's colours, a chart that fills its figure and follows its width, and
// one page-wide observer that redraws every chart when the reader switches between light and dark mode.

import uPlot from "uplot";
import { themeColour } from "./palette.js";

function axisColour() {
  return themeColour("--md-default-fg-color--light", "#666");
}

function gridColour() {
  return themeColour("--md-default-fg-color--lightest", "#eee");
}

/** An axis whose colours follow the theme. */
export function axis(label, extra = {}) {
  return { label, stroke: axisColour, grid: { stroke: gridColour, width: 1 }, ticks: { stroke: gridColour }, ...extra };
}

const charts = new Set();

/** A uPlot chart filling `figure` (above its caption); resizes with it and redraws when the theme changes. */
export function makeChart(figure, options, data, height = 260) {
  const host = document.createElement("div");
  host.className = "knobs-lab__plot";
  figure.insertBefore(host, figure.firstChild);
  const width = Math.max(240, figure.clientWidth || 600);
  // live: false — the legend names the series; with a live legend it shows "--" until the pointer is over the chart
  const chart = new uPlot(
    { width, height, legend: { show: true, live: false }, cursor: { drag: { x: false, y: false } }, ...options },
    data,
    host,
  );
  charts.add(chart);
  if (self.ResizeObserver) {
    new ResizeObserver(() => {
      const next = Math.max(240, figure.clientWidth);
      if (Math.abs(next - chart.width) > 2) chart.setSize({ width: next, height });
    }).observe(figure);
  }
  return chart;
}

/** The `paths` of a scatter series in a mode-2 (x, y pairs) chart: a dot of `radius` pixels at every point, filled
 *  with the series' fill (or only outlined, without one). uPlot's own point markers follow the index range of a
 *  mode-1 chart's shared x values, which a mode-2 chart does not have. */
export function dots(radius) {
  return (u, seriesIdx) => {
    const [xs, ys] = u.data[seriesIdx];
    const path = new Path2D();
    const r = radius * devicePixelRatio;
    for (let i = 0; i < xs.length; i++) {
      if (xs[i] === null || ys[i] === null) continue;
      const x = u.valToPos(xs[i], "x", true);
      const y = u.valToPos(ys[i], "y", true);
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, 2 * Math.PI);
    }
    return { stroke: path, fill: path, clip: null, flags: 0 };
  };
}

/** A uPlot plugin drawing dashed segments over the chart: `segments(u)` lists [x0, y0, x1, y1] in canvas pixels. */
export function dashedSegments(colour, width, dash, segments) {
  const draw = (u) => {
    const context = u.ctx;
    const pixels = devicePixelRatio;
    context.save();
    context.strokeStyle = colour;
    context.lineWidth = width * pixels;
    context.setLineDash(dash.map((length) => length * pixels));
    context.beginPath();
    for (const [x0, y0, x1, y1] of segments(u)) {
      context.moveTo(x0, y0);
      context.lineTo(x1, y1);
    }
    context.stroke();
    context.restore();
  };
  return { hooks: { draw: [draw] } };
}

new MutationObserver(() => {
  for (const chart of charts)
    if (chart.root.isConnected) chart.redraw(false, true);
    else charts.delete(chart);
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

export { uPlot };
