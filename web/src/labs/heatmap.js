// Draw attention as a heat map on a <canvas>: row t is a token, column s a token it may look at, and the darker
// the cell the more weight t gives s. The tokens label both sides; cells above the diagonal (the future) stay
// empty. Python computed every weight (see knobs.transformer.Transformer.attention_weights).

import { COLOURS, themeColour } from "./palette.js";

const MARGIN = 0.22; // share of the canvas kept for the token labels, left and top

/** Draw `weights` (T × T, rows summing to 1) with `tokens` on both sides; `mark` outlines one row. */
export function drawHeatmap(canvas, { tokens, weights, mark = tokens.length - 1 }) {
  const context = canvas.getContext("2d");
  const size = canvas.width;
  const left = Math.round(size * MARGIN);
  const cell = (size - left) / tokens.length;
  context.clearRect(0, 0, size, size);
  context.fillStyle = themeColour("--md-default-bg-color", "#fff");
  context.fillRect(0, 0, size, size);
  const [r, g, b] = [0x00, 0x72, 0xb2];
  for (let t = 0; t < weights.length; t++) {
    for (let s = 0; s <= t; s++) {
      // s > t is the future: masked, never looked at, left empty
      context.fillStyle = `rgba(${r}, ${g}, ${b}, ${Math.min(1, 0.04 + weights[t][s])})`;
      context.fillRect(left + s * cell, left + t * cell, Math.ceil(cell), Math.ceil(cell));
    }
  }
  context.strokeStyle = COLOURS.orange;
  context.lineWidth = Math.max(2, cell / 8);
  context.strokeRect(left, left + mark * cell, cell * (mark + 1), cell);
  context.fillStyle = themeColour("--md-default-fg-color", "#222");
  const font = Math.max(9, Math.min(cell * 0.8, size / 28));
  context.font = `${font}px sans-serif`;
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (const [t, token] of tokens.entries()) {
    context.fillText(token, left - 4, left + (t + 0.5) * cell, left - 6); // the rows, left
    context.save(); // the columns, on top, written upwards
    context.translate(left + (t + 0.5) * cell, left - 4);
    context.rotate(-Math.PI / 2);
    context.textAlign = "left";
    context.fillText(token, 0, 0, left - 6);
    context.restore();
  }
}
