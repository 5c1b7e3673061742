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
  const chart = new uPlot({ width, height, legend: { show: true }, cursor: { drag: { x: false, y: false } }, ...options },
    data, host);
  charts.add(chart);
  if (self.ResizeObserver) {
    new ResizeObserver(() => {
      const next = Math.max(240, figure.clientWidth);
      if (Math.abs(next - chart.width) > 2) chart.setSize({ width: next, height });
    }).observe(figure);
  }
  return chart;
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
  for (const chart of charts) if (chart.root.isConnected) chart.redraw(false, true); else charts.delete(chart);
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

export { uPlot };
